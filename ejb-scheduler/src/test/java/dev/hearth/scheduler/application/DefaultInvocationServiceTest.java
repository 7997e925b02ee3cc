package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.PolicyOverride;
import dev.hearth.domain.function.Portion;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.function.SecurityPolicy;
import dev.hearth.domain.function.TrustLevel;
import dev.hearth.domain.placement.HostSnapshot;
import dev.hearth.domain.placement.InstanceSnapshot;
import dev.hearth.domain.placement.StartKind;
import dev.hearth.persistence.ActivationEntity;
import dev.hearth.persistence.CodePackageEntity;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.scheduler.pool.InMemoryPool;
import dev.hearth.scheduler.pool.InstanceRecord;
import dev.hearth.security.Caller;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One invocation's way through the service against a scripted agent and an in-memory pool: what
 * the caller gets, what is recorded, and that the pool is left right on every path.
 */
class DefaultInvocationServiceTest {

    private static final HostSnapshot HOST =
            new HostSnapshot("h", 2, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
    private static final Caller ALICE = new Caller("alice", Set.of("developer"));

    private final Map<String, InstanceRecord> rows = new LinkedHashMap<>();
    private final List<ActivationEntity> activations = new ArrayList<>();
    private final List<StartKind> invoked = new ArrayList<>();
    private final ScriptedAgent agent = new ScriptedAgent(HOST);
    /** The code packages stored. */
    private final Set<String> packages = new HashSet<>(Set.of("sha-hello"));

    private final FunctionEntity hello = new FunctionEntity("hello", "alice", OffsetDateTime.now());

    private DefaultInvocationService service;

    @BeforeEach
    void service() {
        hello.useCode(
                new FunctionManifest(
                        Runtime.PYTHON3,
                        "main",
                        List.of(new Portion("main", "main", "handler.main", TrustLevel.UNTRUSTED)),
                        SecurityPolicy.DEFAULT),
                "sha-hello",
                10,
                OffsetDateTime.now());

        SchedulerMetrics metrics = new SchedulerMetrics() {
            @Override
            public void invoked(StartKind kind, long nanos) {
                invoked.add(kind);
            }

            @Override
            public void rejected(Rejection why) {}
        };
        service = new DefaultInvocationService();
        service.functions = new FunctionsToRun();
        service.functions.functions = new FunctionRepository() {
            @Override
            public Optional<FunctionEntity> find(String name) {
                return Optional.of(hello).filter(f -> f.name().equals(name));
            }

            @Override
            public List<FunctionEntity> all() {
                return List.of(hello);
            }

            @Override
            public List<FunctionEntity> ownedBy(String owner) {
                return all();
            }

            @Override
            public void add(FunctionEntity function) {}

            @Override
            public void remove(FunctionEntity function) {}
        };
        service.codePackages = new CodePackageRepository() {
            @Override
            public Set<String> lock(Set<String> sha256s) {
                return sha256s.stream().filter(packages::contains).collect(Collectors.toSet());
            }

            @Override
            public void add(CodePackageEntity codePackage) {}

            @Override
            public void removeUnreferenced(String sha256) {
                packages.remove(sha256);
            }

            @Override
            public Optional<byte[]> content(String sha256) {
                return packages.contains(sha256) ? Optional.of(new byte[] {1, 2, 3}) : Optional.empty();
            }
        };
        service.activations = activations::add;
        service.gateway = agent;
        service.pool = InMemoryPool.over(rows);
        service.secrets = new NoSecrets();
        service.credentials = new InvocationCredentials();
        service.metrics = metrics;
        service.limits = new InMemoryConcurrencyLimits(SchedulerSettings.DEFAULT, metrics);
        service.maintenance = new PoolMaintenance();
        service.maintenance.pool = service.pool;
        service.maintenance.gateway = agent;
        service.auxiliaryUrl = Optional.empty();
    }

    @Test
    void theFirstInvocationBootsAndTheSecondFindsTheInstanceWarm() {
        InvocationOutcome cold = invoke();
        InvocationOutcome warm = invoke();

        assertEquals("{\"ok\":true}", cold.payload());
        assertEquals("cold", cold.activation().startKind());
        assertEquals("warm", warm.activation().startKind());
        assertEquals(cold.activation().instanceId(), warm.activation().instanceId());
        assertEquals(List.of(StartKind.COLD, StartKind.WARM), invoked);
        assertEquals(2, activations.size());
        assertTrue(only().isIdleFor("alice"), "released after each invocation");
    }

    @Test
    void aDeferredRunReachesOnlyTheFunctionItWasAcceptedForAndIsStoredWhenItHasNoActivationYet() {
        HearthException other = assertThrows(
                HearthException.class, () -> service.invokeDeferred(ALICE, "hello", "another-id", "{}", null));
        assertEquals(ProblemType.FUNCTION_NOT_FOUND, other.type());
        assertTrue(invoked.isEmpty(), "a function deployed afresh under the name is not run");

        InvocationOutcome queued = service.invokeDeferred(ALICE, "hello", hello.functionId(), "{}", "accepted-1");
        assertEquals("accepted-1", queued.activation().id());
        assertTrue(activations.isEmpty(), "the async queue stores its own");

        InvocationOutcome record = service.invokeDeferred(ALICE, "hello", hello.functionId(), "{}", null);
        assertEquals(
                List.of(record.activation().id()),
                activations.stream().map(ActivationEntity::id).toList());
        assertEquals(hello.functionId(), activations.get(0).functionId());
    }

    /** The agent had to start the containers anew on the warm instance (a narrower policy, say). */
    @Test
    void aWarmInstanceWhoseContainersStartedAnewIsReportedReloaded() {
        InvocationOutcome cold = invoke();
        agent.answers.add(new InvokeOutcome.Invoked("again", "success", "{}", true, 30, 1, ""));

        InvocationOutcome reloaded = invoke();

        assertEquals(cold.activation().instanceId(), reloaded.activation().instanceId());
        assertEquals("reloaded", reloaded.activation().startKind());
        assertEquals(List.of(StartKind.COLD, StartKind.RELOADED), invoked);
    }

    @Test
    void aGoneInstanceIsForgottenAndTheInvocationPlacedOnceMore() {
        agent.answers.add(new InvokeOutcome.InstanceGone("answered 404: no instance w1"));

        InvocationOutcome outcome = invoke();

        assertEquals(List.of("w1", "w2"), agent.invokedOn);
        assertEquals("w2", outcome.activation().instanceId());
        assertEquals("w2", only().instanceId());
        assertEquals(Set.of("w2"), rows.keySet(), "the gone instance's record is deleted");
    }

    @Test
    void anInstanceGoneAtEveryPlacementFailsAsUnavailableAndLeavesNothingBehind() {
        agent.answers.add(new InvokeOutcome.InstanceGone("answered 404: no instance w1"));
        agent.answers.add(new InvokeOutcome.InstanceGone("answered 404: no instance w2"));

        HearthException e = assertThrows(HearthException.class, this::invoke);
        assertEquals(ProblemType.HOST_UNAVAILABLE, e.type());

        assertEquals("host agent answered 404: no instance w2", e.getMessage());
        assertEquals(DefaultInvocationService.PLACEMENTS, agent.invokedOn.size());
        assertTrue(service.pool.snapshot().instances().isEmpty());
        assertTrue(activations.isEmpty());
    }

    @Test
    void aHostWithoutTheCodeGetsItAndTheInvocationIsSentAgain() {
        agent.answers.add(new InvokeOutcome.CodeMissing("answered 409: no code sha-hello"));

        InvocationOutcome outcome = invoke();

        assertEquals(List.of("sha-hello"), agent.uploaded);
        assertEquals(List.of("w1", "w1"), agent.invokedOn);
        assertEquals("success", outcome.activation().status());
    }

    @Test
    void aHostWithoutTheCodeOfAFunctionRedeployedMeanwhileFailsTheInvocationAsChanged() {
        agent.answers.add(new InvokeOutcome.CodeMissing("answered 409: no code sha-hello"));
        // A redeploy that committed after the invocation read the function removed its package.
        service.codePackages.removeUnreferenced("sha-hello");

        HearthException e = assertThrows(HearthException.class, this::invoke);

        assertEquals(ProblemType.FUNCTION_CHANGED, e.type());
        assertEquals(List.of(), agent.uploaded);
        assertTrue(activations.isEmpty());
        packages.add("sha-hello");
        assertEquals("success", invoke().activation().status(), "the instance was released");
    }

    @Test
    void anUnreachableHostFailsTheInvocationAndLeavesPlacementAtOnce() {
        invoke();
        agent.answers.add(new InvokeOutcome.Failed(new HostAgentFailure.Unreachable("read timed out", null)));
        agent.down = true;

        HearthException e = assertThrows(HearthException.class, this::invoke);
        assertEquals(ProblemType.HOST_UNAVAILABLE, e.type());

        assertEquals("host agent unreachable: read timed out", e.getMessage());
        assertFalse(service.pool.hasHealthyHost(), "checked at once, found down");
        assertTrue(service.pool.snapshot().instances().isEmpty(), "its instances are forgotten");
        assertEquals(1, rows.size(), "but still recorded, for when it answers again");
    }

    @Test
    void aRefusedInvocationReleasesTheInstance() {
        agent.answers.add(new InvokeOutcome.Failed(new HostAgentFailure.Refused("500: disk full", null)));

        HearthException e = assertThrows(HearthException.class, this::invoke);
        assertEquals(ProblemType.HOST_UNAVAILABLE, e.type());

        assertEquals("host agent answered 500: disk full", e.getMessage());
        assertTrue(only().isIdleFor("alice"));
        assertTrue(service.pool.hasHealthyHost());
    }

    @Test
    void aFailedBootFreesTheSlot() {
        agent.refuseBoots = true;

        HearthException e = assertThrows(HearthException.class, this::invoke);
        assertEquals(ProblemType.HOST_UNAVAILABLE, e.type());

        assertEquals("host agent answered 503: no room", e.getMessage());
        assertTrue(service.pool.snapshot().instances().isEmpty());
        assertTrue(agent.invokedOn.isEmpty());
    }

    private InvocationOutcome invoke() {
        return service.invoke(ALICE, "hello", "{}", PolicyOverride.NONE, null);
    }

    private InstanceSnapshot only() {
        List<InstanceSnapshot> instances = service.pool.snapshot().instances();
        assertEquals(1, instances.size());
        return instances.get(0);
    }

    /** A function that names no secrets. */
    private static final class NoSecrets implements SecretService {

        @Override
        public Stored set(Caller caller, String functionName, String secretName, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Caller caller, String functionName, String secretName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SecretView> list(Caller caller, String functionName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Map<String, String>> forInvocation(FunctionEntity function, FunctionManifest manifest) {
            return Map.of();
        }
    }
}
