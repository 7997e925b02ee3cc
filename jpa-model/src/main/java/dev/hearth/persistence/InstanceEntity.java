package dev.hearth.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * An instance that a host agent runs for Hearth, written through from the in-memory pool so that a
 * restarted server knows which instances are whose. {@code member} is the member of the control
 * plane that holds it (ADR 26), null in rows written before instances had one (EclipseLink adds
 * the column to an older table); {@code owner} is null for a warming-pool instance; {@code
 * functionId} and {@code codeSha256} are the function and code its containers run, null while
 * none (and the function in rows written before instances recorded it: never warm for anyone).
 */
@Entity
@Table(name = "hearth_instance")
@NamedQuery(name = InstanceEntity.ALL, query = "SELECT i FROM InstanceEntity i")
@NamedQuery(name = InstanceEntity.ON_HOST, query = "SELECT i FROM InstanceEntity i WHERE i.hostId = :hostId")
public class InstanceEntity {

    public static final String ALL = "InstanceEntity.all";
    public static final String ON_HOST = "InstanceEntity.onHost";

    @Id
    @Column(name = "instance_id", length = 128)
    private String instanceId;

    @Column(name = "host_id", nullable = false, length = 128)
    private String hostId;

    @Column(name = "member_name", length = 128)
    private String member;

    @Column(name = "owner_name", length = 255)
    private String owner;

    @Column(name = "runtime_id", nullable = false, length = 32)
    private String runtime;

    /** {@code sandbox} or {@code vm}; null in rows written before instances had an isolation (sandbox). */
    @Column(name = "isolation", length = 16)
    private String isolation;

    @Column(name = "function_id", length = 64)
    private String functionId;

    @Column(name = "code_sha256", length = 64)
    private String codeSha256;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected InstanceEntity() {}

    public InstanceEntity(
            String instanceId,
            String hostId,
            String member,
            String owner,
            String runtime,
            String isolation,
            String functionId,
            String codeSha256,
            OffsetDateTime createdAt) {
        this.instanceId = instanceId;
        this.hostId = hostId;
        this.member = member;
        this.owner = owner;
        this.runtime = runtime;
        this.isolation = isolation;
        this.functionId = functionId;
        this.codeSha256 = codeSha256;
        this.createdAt = createdAt;
    }

    /** The instance now belongs to {@code newOwner} and runs the function's code {@code sha256}. */
    public void assign(String newOwner, String newFunctionId, String sha256) {
        this.owner = newOwner;
        this.functionId = newFunctionId;
        this.codeSha256 = sha256;
    }

    public String instanceId() {
        return instanceId;
    }

    public String hostId() {
        return hostId;
    }

    public String member() {
        return member;
    }

    public String owner() {
        return owner;
    }

    public String runtime() {
        return runtime;
    }

    /** The isolation's id, {@code sandbox} for rows that predate it. */
    public String isolation() {
        return isolation == null ? "sandbox" : isolation;
    }

    public String functionId() {
        return functionId;
    }

    public String codeSha256() {
        return codeSha256;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
