package dev.hearth.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ReconciliationTest {

    private static final List<String> IDS = List.of("i0", "i1", "i2", "i3", "i4", "i5");

    /** One host's state as the pool gathers it: what it knows, what the agent lists, the records. */
    record HostState(
            List<InstanceSnapshot> known,
            Set<String> knownSinceListing,
            List<AgentInstance> listed,
            List<Reconciliation.Recorded> recorded) {

        ReconciliationPlan plan() {
            return Reconciliation.plan(known, knownSinceListing, listed, recorded);
        }

        /** A boot is under way: a placeholder the agent does not report dead (it cannot know it). */
        boolean booting() {
            return known.stream()
                    .anyMatch(i ->
                            i.lifecycle() instanceof InstanceLifecycle.Booting && !dead().contains(i.instanceId()));
        }

        Set<String> ready() {
            return listed.stream()
                    .filter(AgentInstance::ready)
                    .map(AgentInstance::instanceId)
                    .collect(Collectors.toSet());
        }

        Set<String> dead() {
            return listed.stream()
                    .filter(i -> !i.ready())
                    .map(AgentInstance::instanceId)
                    .collect(Collectors.toSet());
        }

        Map<String, Reconciliation.Recorded> records() {
            return recorded.stream()
                    .collect(Collectors.toMap(Reconciliation.Recorded::instanceId, Function.identity()));
        }

        /** The pool's instances on the host once the plan is applied. */
        Set<String> knownAfter(ReconciliationPlan plan) {
            Set<String> after = known.stream().map(InstanceSnapshot::instanceId).collect(Collectors.toSet());
            after.removeAll(plan.forget());
            plan.takeBack().forEach(i -> after.add(i.instanceId()));
            return after;
        }

        boolean isBooting(String id) {
            return known.stream()
                    .anyMatch(i -> i.instanceId().equals(id) && i.lifecycle() instanceof InstanceLifecycle.Booting);
        }
    }

    @Property
    void destroysOnlyWhatIsDeadOrKnownToNobody(@ForAll("hosts") HostState host) {
        ReconciliationPlan plan = host.plan();
        Set<String> known =
                host.known().stream().map(InstanceSnapshot::instanceId).collect(Collectors.toSet());

        for (String id : plan.destroy()) {
            boolean readable = Optional.ofNullable(host.records().get(id))
                    .flatMap(Reconciliation.Recorded::asRecorded)
                    .isPresent();
            assertTrue(
                    host.dead().contains(id) || host.ready().contains(id) && !known.contains(id) && !readable,
                    id + " is destroyed though it may serve someone");
        }
        assertEquals(plan.destroy().size(), Set.copyOf(plan.destroy()).size(), "each once");
    }

    @Property
    void whileABootIsUnderWayOnlyDeadInstancesAreDestroyed(@ForAll("hosts") HostState host) {
        ReconciliationPlan plan = host.plan();

        if (host.booting()) {
            assertTrue(host.dead().containsAll(plan.destroy()), "the unknown instance may be the boot");
        }
    }

    @Property
    void forgetsOnlyWhatTheAgentNoLongerRuns(@ForAll("hosts") HostState host) {
        ReconciliationPlan plan = host.plan();

        for (String id : plan.forget()) {
            assertTrue(
                    host.dead().contains(id)
                            || !host.ready().contains(id)
                                    && !host.isBooting(id)
                                    && !host.knownSinceListing().contains(id),
                    id + " is forgotten though it may still run");
        }
    }

    @Property
    void afterwardsTheAgentRunsEveryKnownInstanceThatCouldBeListed(@ForAll("hosts") HostState host) {
        ReconciliationPlan plan = host.plan();

        for (String id : host.knownAfter(plan)) {
            assertFalse(host.dead().contains(id), id + " is dead");
            assertTrue(
                    host.ready().contains(id)
                            || host.isBooting(id)
                            || host.knownSinceListing().contains(id),
                    id + " is kept though the agent does not run it");
        }
    }

    @Property
    void everyReadyInstanceEndsKnownOrDestroyed(@ForAll("hosts") HostState host) {
        ReconciliationPlan plan = host.plan();
        Set<String> knownAfter = host.knownAfter(plan);

        for (String id : host.ready()) {
            assertTrue(
                    knownAfter.contains(id) || plan.destroy().contains(id) || host.booting(),
                    id + " runs, unknown, and stays");
        }
    }

    @Property
    void takesBackExactlyAsRecorded(@ForAll("hosts") HostState host) {
        ReconciliationPlan plan = host.plan();

        for (InstanceSnapshot back : plan.takeBack()) {
            assertEquals(host.records().get(back.instanceId()).asRecorded(), Optional.of(back));
            assertTrue(host.ready().contains(back.instanceId()));
        }
    }

    @Property
    void recordsStayForWhatRunsOrStaysKnownOnly(@ForAll("hosts") HostState host) {
        ReconciliationPlan plan = host.plan();
        Set<String> knownAfter = host.knownAfter(plan);
        Set<String> recordsAfter = new HashSet<>(host.records().keySet());
        recordsAfter.removeAll(plan.deleteRecords());

        assertTrue(host.records().keySet().containsAll(plan.deleteRecords()), "deletes only records that exist");
        for (String id : recordsAfter) {
            assertTrue(knownAfter.contains(id)
                    || host.ready().contains(id) && !plan.destroy().contains(id));
        }
        for (String id : knownAfter) {
            assertFalse(plan.deleteRecords().contains(id), "the record of a kept instance stays: " + id);
        }
    }

    @Example
    void aRestartedServerTakesBackWhatTheRecordsSay() {
        InstanceSnapshot alices = instance("i0", new InstanceLifecycle.Assigned("alice", PoolArbitraries.T0));
        HostState host = new HostState(
                List.of(),
                Set.of(),
                List.of(ready("i0"), ready("stray")),
                List.of(new Reconciliation.Recorded("i0", Optional.of(alices))));

        ReconciliationPlan plan = host.plan();

        assertEquals(List.of(alices), plan.takeBack());
        assertEquals(List.of("stray"), plan.destroy());
        assertEquals(List.of(), plan.deleteRecords());
    }

    @Example
    void aDeadInstanceIsForgottenDestroyedAndItsRecordDeleted() {
        InstanceSnapshot pooled = instance("i0", new InstanceLifecycle.Warming());
        HostState host = new HostState(
                List.of(pooled),
                Set.of(),
                List.of(new AgentInstance("i0", "h0", AgentInstance.State.DEAD)),
                List.of(new Reconciliation.Recorded("i0", Optional.of(pooled))));

        ReconciliationPlan plan = host.plan();

        assertEquals(new ReconciliationPlan(List.of("i0"), List.of(), List.of("i0"), List.of("i0")), plan);
    }

    @Example
    void anInstanceBootedAfterTheListingIsKept() {
        InstanceSnapshot young = instance("i0", new InstanceLifecycle.Warming());
        HostState host = new HostState(
                List.of(young),
                Set.of("i0"),
                List.of(),
                List.of(new Reconciliation.Recorded("i0", Optional.of(young))));

        assertEquals(new ReconciliationPlan(List.of(), List.of(), List.of(), List.of()), host.plan());
    }

    @Provide
    Arbitrary<HostState> hosts() {
        Arbitrary<InstanceLifecycle> lifecycle = Arbitraries.oneOf(
                Arbitraries.just(InstanceLifecycle.Booting.forPool()),
                Arbitraries.of(PoolArbitraries.OWNERS).map(InstanceLifecycle.Booting::forOwner),
                Arbitraries.just(new InstanceLifecycle.Warming()),
                Arbitraries.of(PoolArbitraries.OWNERS).map(o -> new InstanceLifecycle.Assigned(o, PoolArbitraries.T0)),
                Arbitraries.of(PoolArbitraries.OWNERS).map(o -> new InstanceLifecycle.Busy(o, PoolArbitraries.T0)));
        Arbitrary<List<InstanceSnapshot>> known = Combinators.combine(Arbitraries.of(IDS), lifecycle)
                .as(ReconciliationTest::instance)
                .list()
                .ofMaxSize(4)
                .uniqueElements(InstanceSnapshot::instanceId);
        Arbitrary<List<AgentInstance>> listed = Combinators.combine(
                        Arbitraries.of(IDS), Arbitraries.of(AgentInstance.State.class))
                .as((id, state) -> new AgentInstance(id, "h0", state))
                .list()
                .ofMaxSize(5)
                .uniqueElements(AgentInstance::instanceId);
        Arbitrary<List<Reconciliation.Recorded>> recorded = Combinators.combine(
                        Arbitraries.of(IDS),
                        Arbitraries.of(PoolArbitraries.OWNERS).injectNull(0.3),
                        Arbitraries.of(true, true, false))
                .as((id, owner, readable) -> new Reconciliation.Recorded(
                        id,
                        readable
                                ? Optional.of(instance(
                                        id,
                                        owner == null
                                                ? new InstanceLifecycle.Warming()
                                                : new InstanceLifecycle.Assigned(owner, PoolArbitraries.T0)))
                                : Optional.empty()))
                .list()
                .ofMaxSize(4)
                .uniqueElements(Reconciliation.Recorded::instanceId);
        return Combinators.combine(known, Arbitraries.subsetOf(IDS), listed, recorded)
                .as((k, since, l, r) -> new HostState(
                        k,
                        since.stream()
                                .filter(id ->
                                        k.stream().anyMatch(i -> i.instanceId().equals(id)))
                                .collect(Collectors.toSet()),
                        l,
                        r));
    }

    private static InstanceSnapshot instance(String id, InstanceLifecycle lifecycle) {
        return new InstanceSnapshot(id, "h0", Runtime.PYTHON3, Isolation.SANDBOX, null, lifecycle);
    }

    private static AgentInstance ready(String id) {
        return new AgentInstance(id, "h0", AgentInstance.State.READY);
    }
}
