package dev.hearth.persistence;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.function.SecurityPolicy;
import dev.hearth.domain.rules.Limits;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A deployed function: its name (the key), its identity, owner, the manifest of its current code
 * and which code package that is. The identity ({@code functionId}, a UUID) is new whenever the name
 * is deployed afresh after a delete; activations, log lines, metrics and grants belong to it, not to
 * the name, so that a name's next owner never reaches the records of the function it replaced.
 * Portions, their own variables and the function's environment variables are element collections
 * so that both H2 and PostgreSQL store them as plain rows.
 */
@Entity
@Table(name = "hearth_function")
@NamedQuery(name = FunctionEntity.ALL, query = "SELECT f FROM FunctionEntity f ORDER BY f.name")
@NamedQuery(
        name = FunctionEntity.BY_OWNER,
        query = "SELECT f FROM FunctionEntity f WHERE f.owner = :owner ORDER BY f.name")
@NamedQuery(name = FunctionEntity.WITHOUT_ID, query = "SELECT f FROM FunctionEntity f WHERE f.functionId IS NULL")
public class FunctionEntity {

    public static final String ALL = "FunctionEntity.all";
    public static final String BY_OWNER = "FunctionEntity.byOwner";
    public static final String WITHOUT_ID = "FunctionEntity.withoutId";

    private static final String NO_EGRESS = "none";
    private static final String ALLOW_LIST = "allow-list";

    @Id
    @Column(name = "name", length = Limits.MAX_FUNCTION_NAME_CHARS)
    private String name;

    /** Null only in rows written before functions had an identity, until the start-up migration gives them one. */
    @Column(name = "function_id", length = 36)
    private String functionId;

    @Version
    @Column(name = "row_version")
    private long rowVersion;

    @Column(name = "owner_name", nullable = false, length = 255)
    private String owner;

    @Column(name = "runtime_id", nullable = false, length = 32)
    private String runtime;

    @Column(name = "entry_portion", nullable = false, length = Limits.MAX_PORTION_NAME_CHARS)
    private String entryPortion;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "hearth_function_portion", joinColumns = @JoinColumn(name = "function_name"))
    @OrderColumn(name = "portion_order")
    private List<EmbeddedPortion> portions = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "hearth_function_portion_variable", joinColumns = @JoinColumn(name = "function_name"))
    @OrderColumn(name = "variable_order")
    private List<EmbeddedPortionVariable> portionVariables = new ArrayList<>();

    /** The folder every portion sees besides its own; null when the manifest declares none. */
    @Column(name = "shared_folder", length = 1024)
    private String sharedPath;

    @Column(name = "memory_mb", nullable = false)
    private int memoryMb;

    @Column(name = "timeout_millis", nullable = false)
    private long timeoutMillis;

    @Column(name = "max_processes", nullable = false)
    private int maxProcesses;

    @Column(name = "tmp_mb", nullable = false)
    private int tmpMb;

    /** Null in rows written before CPU was a policy: those get the default share. */
    @Column(name = "cpu_percent")
    private Integer cpuPercent;

    /** {@code none} or {@code allow-list}; the destinations are in {@link #egressAllowList}. */
    @Column(name = "egress", nullable = false, length = 32)
    private String egress;

    /** Null in rows written before isolation was a policy: those are sandboxed. */
    @Column(name = "isolation", length = 16)
    private String isolation;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "hearth_function_egress", joinColumns = @JoinColumn(name = "function_name"))
    @OrderColumn(name = "destination_order")
    @Column(name = "destination", length = 260)
    private List<String> egressAllowList = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "hearth_function_environment", joinColumns = @JoinColumn(name = "function_name"))
    @MapKeyColumn(name = "variable_name", length = Limits.MAX_VARIABLE_NAME_CHARS)
    @Column(name = "variable_value", length = Limits.MAX_ENVIRONMENT_VALUE_CHARS)
    private Map<String, String> environment = new HashMap<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "hearth_function_credential_scope", joinColumns = @JoinColumn(name = "function_name"))
    @Column(name = "scope", length = 64)
    private Set<String> credentialScopes = new HashSet<>();

    @Column(name = "code_sha256", nullable = false, length = 64)
    private String codeSha256;

    @Column(name = "code_size", nullable = false)
    private long codeSize;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected FunctionEntity() {}

    public FunctionEntity(String name, String owner, OffsetDateTime createdAt) {
        this.name = name;
        this.functionId = UUID.randomUUID().toString();
        this.owner = owner;
        this.createdAt = createdAt;
    }

    /** Gives a row written before functions had an identity one of its own. */
    public void assignIdentity() {
        if (functionId == null) {
            functionId = UUID.randomUUID().toString();
        }
    }

    /** Makes the code package {@code sha256} of {@code size} bytes, with this manifest, the current code. */
    public void useCode(FunctionManifest manifest, String sha256, long size, OffsetDateTime at) {
        runtime = manifest.runtime().id();
        entryPortion = manifest.entryPortion();
        portions.clear();
        manifest.portions().forEach(p -> portions.add(new EmbeddedPortion(p)));
        portionVariables.clear();
        manifest.portions().forEach(p -> p.environment()
                .forEach((variable, value) ->
                        portionVariables.add(new EmbeddedPortionVariable(p.name(), variable, value))));
        sharedPath = manifest.sharedPath();
        SecurityPolicy policy = manifest.policy();
        memoryMb = policy.memoryMb();
        timeoutMillis = policy.timeoutMillis();
        maxProcesses = policy.maxProcesses();
        tmpMb = policy.tmpMb();
        cpuPercent = policy.cpuPercent();
        egress = policy.egressAllowList().isEmpty() ? NO_EGRESS : ALLOW_LIST;
        egressAllowList.clear();
        egressAllowList.addAll(policy.egressAllowList());
        isolation = policy.isolation().id();
        environment.clear();
        environment.putAll(policy.environment());
        credentialScopes.clear();
        credentialScopes.addAll(policy.credentialScopes());
        codeSha256 = sha256;
        codeSize = size;
        updatedAt = at;
    }

    public FunctionManifest manifest() {
        return new FunctionManifest(
                Runtime.byId(runtime).orElseThrow(),
                entryPortion,
                portions.stream().map(p -> p.toPortion(variablesOf(p.name()))).toList(),
                new SecurityPolicy(
                        memoryMb,
                        timeoutMillis,
                        maxProcesses,
                        tmpMb,
                        cpuPercent == null ? SecurityPolicy.DEFAULT.cpuPercent() : cpuPercent,
                        environment,
                        egress.equals(NO_EGRESS) ? List.of() : egressAllowList,
                        credentialScopes,
                        isolation == null
                                ? Isolation.SANDBOX
                                : Isolation.byId(isolation).orElseThrow()),
                sharedPath);
    }

    private Map<String, String> variablesOf(String portion) {
        Map<String, String> variables = new HashMap<>();
        portionVariables.stream()
                .filter(v -> v.portion().equals(portion))
                .forEach(v -> variables.put(v.name(), v.value()));
        return variables;
    }

    public String name() {
        return name;
    }

    /** This function's identity: its records are keyed by it, never by its name. */
    public String functionId() {
        return functionId;
    }

    public String owner() {
        return owner;
    }

    public String codeSha256() {
        return codeSha256;
    }

    public long codeSize() {
        return codeSize;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
