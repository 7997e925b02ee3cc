package dev.hearth.hypervisor.host.instances;

import dev.hearth.domain.function.EgressDestination;
import dev.hearth.domain.function.TrustLevel;
import dev.hearth.domain.network.NetworkPolicy;
import dev.hearth.domain.rules.Limits;
import dev.hearth.domain.rules.NameRule;
import dev.hearth.hypervisor.host.code.CodeStore;
import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.DriverInstance;
import dev.hearth.hypervisor.host.driver.EventSink;
import dev.hearth.hypervisor.host.driver.InstanceDriver;
import dev.hearth.hypervisor.host.driver.InstanceState;
import dev.hearth.hypervisor.host.driver.Invocation;
import dev.hearth.hypervisor.host.egress.EgressProxy;
import dev.hearth.protocol.wire.CreateInstanceRequest;
import dev.hearth.protocol.wire.InstanceView;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances of this agent, at most {@code capacity} at once, each booted by the driver of the
 * isolation it asked for.
 */
public final class InstanceRegistry {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One instance as the registry tracks it. */
    private record Managed(
            String id,
            CreateInstanceRequest request,
            String isolation,
            InstanceState state,
            Optional<DriverInstance> instance) {}

    private final String hostId;
    private final int capacity;
    private final Map<String, InstanceDriver> drivers;
    private final String defaultIsolation;
    private final CodeStore code;
    private final EventSink events;
    private final Map<String, Managed> instances = new ConcurrentHashMap<>();

    /** {@code drivers} by the isolation they provide ({@code sandbox}, {@code vm}); the first is the default. */
    public InstanceRegistry(
            String hostId, int capacity, Map<String, InstanceDriver> drivers, CodeStore code, EventSink events) {
        this.hostId = hostId;
        this.capacity = capacity;
        this.drivers = Map.copyOf(drivers);
        this.defaultIsolation = drivers.keySet().iterator().next();
        this.code = code;
        this.events = events;
    }

    public InstanceView create(CreateInstanceRequest request) throws RequestProblem, InterruptedException {
        String isolation = request.isolation() != null ? request.isolation() : defaultIsolation;
        InstanceDriver driver = drivers.get(isolation);
        if (driver == null) {
            throw new RequestProblem(
                    400,
                    "Isolation not available",
                    "this agent provides isolation " + drivers.keySet() + "; it cannot provide '" + isolation + "'");
        }
        if (request.runtime() != null && !driver.runtimes().contains(request.runtime())) {
            throw new RequestProblem(
                    400, "Unknown runtime", "runtime '" + request.runtime() + "' is not one of " + driver.runtimes());
        }
        String id = HexFormat.of().formatHex(randomBytes(6));
        synchronized (instances) {
            if (instances.size() >= capacity) {
                throw new RequestProblem(503, "At capacity", "this host already runs its " + capacity + " instances");
            }
            instances.put(id, new Managed(id, request, isolation, new InstanceState.Booting(), Optional.empty()));
        }
        long started = System.nanoTime();
        try {
            // A warming-pool instance has no owner yet. An owned one is booted for an invocation
            // that follows at once and starts just the containers it needs.
            DriverInstance instance = driver.boot(id, request.owner() == null ? request.runtime() : null);
            long bootMillis = (System.nanoTime() - started) / 1_000_000;
            Managed ready = new Managed(
                    id, request, isolation, new InstanceState.Booting().booted(bootMillis), Optional.of(instance));
            instances.put(id, ready);
            return view(ready);
        } catch (DriverException e) {
            instances.remove(id);
            throw new RequestProblem(500, "Boot failed", e.getMessage());
        } catch (InterruptedException e) {
            instances.remove(id);
            throw e;
        }
    }

    public List<InstanceView> list() {
        return instances.values().stream()
                .filter(m -> m.instance().isPresent())
                .map(this::view)
                .sorted(Comparator.comparing(InstanceView::instanceId))
                .toList();
    }

    /** Destroys an instance; an unknown id is not an error. */
    public void destroy(String id) {
        Managed managed = instances.remove(id);
        if (managed != null) {
            managed.instance().ifPresent(DriverInstance::destroy);
        }
        code.release(id);
    }

    /**
     * Marks the ready instances that died by themselves as dead, reporting each once as {@code
     * instance_died}; they stay listed until destroyed.
     */
    public void checkHealth() {
        for (Managed managed : List.copyOf(instances.values())) {
            if (managed.state() instanceof InstanceState.Ready
                    && managed.instance().map(i -> !i.alive()).orElse(false)) {
                Managed dead = new Managed(
                        managed.id(),
                        managed.request(),
                        managed.isolation(),
                        managed.state().died("it died"),
                        managed.instance());
                if (instances.replace(managed.id(), managed, dead)) {
                    events.publish(EventSink.INSTANCE_DIED, managed.id(), "instance " + managed.id() + " died");
                }
            }
        }
    }

    public void destroyAll() {
        List.copyOf(instances.keySet()).forEach(this::destroy);
    }

    public InvokeResult invoke(String id, InvokeRequest request) throws RequestProblem, InterruptedException {
        Managed managed = instances.get(id);
        if (managed == null || managed.instance().isEmpty()) {
            throw new RequestProblem(404, "No such instance", "instance '" + id + "' does not exist on " + hostId);
        }
        PortionSpec entry = check(request, drivers.get(managed.isolation()));
        Path codeDir = code.use(id, request.codeSha256())
                .orElseThrow(() -> new RequestProblem(
                        409, "Code not uploaded", "code package " + request.codeSha256() + " is not on this host"));
        String requestId =
                request.invocationId() != null && !request.invocationId().isBlank()
                        ? request.invocationId()
                        : UUID.randomUUID().toString();
        try {
            return managed.instance().get().invoke(new Invocation(requestId, request, entry, codeDir));
        } catch (DriverException e) {
            throw new RequestProblem(500, "Invocation failed", e.getMessage());
        }
    }

    /**
     * Checks a request and returns its entry portion: what passes, a driver can run. The JSON is
     * read as JSON-B reads it, so a null may stand anywhere; here a null is refused where a value
     * belongs (a portion, a variable's value, a portion's secrets, a list's entry).
     */
    private PortionSpec check(InvokeRequest request, InstanceDriver driver) throws RequestProblem {
        if (!CodeStore.isSha256(request.codeSha256())) {
            throw bad("codeSha256 must be 64 lower-case hex digits");
        }
        if (request.functionName() == null || request.functionName().isBlank()) {
            throw bad("functionName is required");
        }
        if (request.runtime() == null || !driver.runtimes().contains(request.runtime())) {
            throw bad("runtime '" + request.runtime() + "' is not one of " + driver.runtimes());
        }
        ResourceLimits limits = request.limits();
        if (limits == null
                || limits.memoryMb() < Limits.MIN_MEMORY_MB
                || limits.timeoutMillis() < 1
                || limits.maxProcesses() < Limits.MIN_PROCESSES
                || limits.tmpMb() < Limits.MIN_TMP_MB
                || limits.cpuPercent() < 0) {
            throw bad("limits need memoryMb >= " + Limits.MIN_MEMORY_MB
                    + ", timeoutMillis, maxProcesses and tmpMb >= 1, cpuPercent >= 0");
        }
        checkEnvironment(request.environment());
        if (request.portions() == null || request.portions().isEmpty()) {
            throw bad("portions are required");
        }
        Set<String> names = new HashSet<>();
        for (PortionSpec portion : request.portions()) {
            if (portion == null) {
                throw bad("portions may not hold null");
            }
            checkPortion(portion);
            if (!names.add(portion.name())) {
                throw bad("portion name '" + portion.name() + "' is used twice");
            }
        }
        checkSecrets(request);
        checkEgress(request.egressAllowList());
        if (request.allowedPrivateNetworks() != null) {
            try {
                NetworkPolicy.parseAllowedPrivateNetworks(request.allowedPrivateNetworks());
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }
        if (request.auxiliaryUrl() != null && EgressProxy.auxiliaryBase(request.auxiliaryUrl()) == null) {
            throw bad("auxiliaryUrl '" + request.auxiliaryUrl() + "' is not an absolute http:// URL");
        }
        return request.portions().stream()
                .filter(p -> p.name().equals(request.entryPortion()))
                .findFirst()
                .orElseThrow(() -> bad("entryPortion '" + request.entryPortion() + "' is not among the portions"));
    }

    static void checkPortion(PortionSpec portion) throws RequestProblem {
        if (!NameRule.PORTION.accepts(portion.name())) {
            throw bad("portion name '" + portion.name() + "' must match " + NameRule.PORTION.pattern());
        }
        for (String path : portion.folders()) {
            Path normal = path == null ? null : Path.of(path).normalize();
            if (normal == null || normal.isAbsolute() || normal.startsWith("..")) {
                throw bad("portion path '" + path + "' leaves the code package");
            }
        }
        checkEnvironment(portion.environment());
        if (portion.handler() == null || portion.handler().isBlank()) {
            throw bad("portion '" + portion.name() + "' needs a handler");
        }
        if (TrustLevel.byId(portion.trustLevel()).isEmpty()) {
            throw bad("portion '" + portion.name() + "' has trustLevel '" + portion.trustLevel()
                    + "', not trusted or untrusted");
        }
    }

    /** Each entry in the upload's form; where a container may connect the proxy decides at connect time. */
    static void checkEgress(List<String> allowList) throws RequestProblem {
        if (allowList != null) {
            for (String destination : allowList) {
                Optional<String> problem = EgressDestination.syntaxProblem(destination);
                if (problem.isPresent()) {
                    throw bad(problem.get());
                }
            }
        }
    }

    static void checkEnvironment(Map<String, String> environment) throws RequestProblem {
        if (environment != null) {
            for (Map.Entry<String, String> variable : environment.entrySet()) {
                if (!NameRule.ENVIRONMENT_VARIABLE.accepts(variable.getKey())) {
                    throw bad("environment variable name '" + variable.getKey() + "' is not valid");
                }
                if (variable.getValue() == null) {
                    throw bad("environment variable '" + variable.getKey() + "' has no value");
                }
            }
        }
    }

    /** Secrets go to trusted portions of the request only, under names that are plain file names. */
    static void checkSecrets(InvokeRequest request) throws RequestProblem {
        if (request.secrets() == null) {
            return;
        }
        for (Map.Entry<String, Map<String, String>> portion : request.secrets().entrySet()) {
            boolean trusted = request.portions().stream()
                    .anyMatch(p -> p.name().equals(portion.getKey())
                            && TrustLevel.TRUSTED.id().equals(p.trustLevel()));
            if (!trusted) {
                throw bad("secrets are for trusted portions only, not for '" + portion.getKey() + "'");
            }
            if (portion.getValue() == null) {
                throw bad("the secrets of portion '" + portion.getKey() + "' are null, not an object");
            }
            for (Map.Entry<String, String> secret : portion.getValue().entrySet()) {
                if (!NameRule.SECRET.accepts(secret.getKey()) || secret.getValue() == null) {
                    throw bad("secret name '" + secret.getKey() + "' is not valid, or it has no value");
                }
            }
        }
    }

    private static RequestProblem bad(String detail) {
        return new RequestProblem(400, "Invalid invocation", detail);
    }

    private InstanceView view(Managed managed) {
        InstanceState state = managed.instance().map(DriverInstance::alive).orElse(true)
                ? managed.state()
                : managed.state().died("it died");
        return new InstanceView(
                managed.id(),
                hostId,
                managed.request().owner(),
                managed.request().runtime(),
                managed.isolation(),
                state.wireName(),
                state instanceof InstanceState.Ready ready ? ready.bootMillis() : 0,
                managed.request().member());
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
