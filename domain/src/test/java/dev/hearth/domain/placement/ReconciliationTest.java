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
    private static final String SELF = "m0";

    /** One host's state as the pool gathers it: what it knows, what the agent lists, the records. */
    record HostState(
            List<InstanceSnapshot> known,
            Set<String> knownSinceListing,
            List<AgentInstance> listed,
            List<Reconciliation.Recorded> recorded) {

        ReconciliationPlan plan() {
            return Reconciliation.plan(Membership.alone(SELF), known, knownSinceListing, listed, recorded);
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
                List.of(new Reconciliation.Recorded("i0", Optional.of(SELF), Optional.of(alices))));

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
                List.of(new AgentInstance("i0", "h0", AgentInstance.State.DEAD, SELF)),
                List.of(new Reconciliation.Recorded("i0", Optional.of(SELF), Optional.of(pooled))));

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
                List.of(new Reconciliation.Recorded("i0", Optional.of(SELF), Optional.of(young))));

        assertEquals(new ReconciliationPlan(List.of(), List.of(), List.of(), List.of()), host.plan());
    }

    // Two live members, m0 (this one) and m1, on a host where m2 ran before it died.

    private static final Membership SHARED = new Membership(SELF, Set.of(SELF, "m1"));

    /** Who holds a listed instance: the agent's label, else its record's member. */
    private static Optional<String> holder(HostState host, String id) {
        Optional<String> label = host.listed().stream()
                .filter(i -> i.instanceId().equals(id))
                .findFirst()
                .flatMap(AgentInstance::member);
        return label.or(() -> Optional.ofNullable(host.records().get(id)).flatMap(Reconciliation.Recorded::member));
    }

    private static boolean isKnown(HostState host, String id) {
        return host.known().stream().anyMatch(i -> i.instanceId().equals(id));
    }

    @Property
    void anotherLiveMembersInstancesAndRecordsAreLeftAlone(@ForAll("sharedHosts") HostState host) {
        ReconciliationPlan plan =
                Reconciliation.plan(SHARED, host.known(), host.knownSinceListing(), host.listed(), host.recorded());

        for (AgentInstance listed : host.listed()) {
            String id = listed.instanceId();
            Optional<String> holder = holder(host, id);
            if (!isKnown(host, id) && !holder.equals(Optional.of(SELF)) && !holder.equals(Optional.of("m2"))) {
                assertFalse(plan.destroy().contains(id), id + " of " + holder + " is destroyed by " + SELF);
                assertFalse(
                        plan.takeBack().stream().anyMatch(i -> i.instanceId().equals(id)),
                        id + " of " + holder + " is taken back by " + SELF);
            }
        }
        for (Reconciliation.Recorded record : host.recorded()) {
            if (!isKnown(host, record.instanceId())
                    && !record.member().equals(Optional.of(SELF))
                    && !record.member().equals(Optional.of("m2"))) {
                assertFalse(
                        plan.deleteRecords().contains(record.instanceId()),
                        record + " of another member is deleted by " + SELF);
            }
        }
    }

    @Property
    void aDepartedMembersInstancesAreDestroyedAndTheirRecordsDeleted(@ForAll("sharedHosts") HostState host) {
        ReconciliationPlan plan =
                Reconciliation.plan(SHARED, host.known(), host.knownSinceListing(), host.listed(), host.recorded());

        for (AgentInstance listed : host.listed()) {
            if (!isKnown(host, listed.instanceId())
                    && holder(host, listed.instanceId()).equals(Optional.of("m2"))) {
                assertTrue(plan.destroy().contains(listed.instanceId()), listed + " of m2 stays");
            }
        }
        for (Reconciliation.Recorded record : host.recorded()) {
            if (!isKnown(host, record.instanceId())
                    && record.member().equals(Optional.of("m2"))
                    && holder(host, record.instanceId()).equals(Optional.of("m2"))) {
                assertTrue(plan.deleteRecords().contains(record.instanceId()), record + " of m2 stays");
            }
        }
        assertEquals(plan.destroy().size(), Set.copyOf(plan.destroy()).size(), "each once");
    }

    @Example
    void anInstanceAnotherMemberBootedButHasNotRecordedYetIsLeftAlone() {
        ReconciliationPlan plan = Reconciliation.plan(
                SHARED,
                List.of(),
                Set.of(),
                List.of(new AgentInstance("i0", "h0", AgentInstance.State.READY, "m1"), ready("stray")),
                List.of());

        assertEquals(new ReconciliationPlan(List.of(), List.of(), List.of(), List.of("stray")), plan);
    }

    @Example
    void anUnlabelledInstanceIsTheMembersItsRecordNames() {
        InstanceSnapshot alices = instance("i0", new InstanceLifecycle.Assigned("alice", PoolArbitraries.T0));
        InstanceSnapshot bobs = instance("i1", new InstanceLifecycle.Assigned("bob", PoolArbitraries.T0));
        AgentInstance unlabelled0 = new AgentInstance("i0", "h0", AgentInstance.State.READY, Optional.empty());
        AgentInstance unlabelled1 = new AgentInstance("i1", "h0", AgentInstance.State.READY, Optional.empty());
        AgentInstance unknown = new AgentInstance("i2", "h0", AgentInstance.State.READY, Optional.empty());

        ReconciliationPlan plan = Reconciliation.plan(
                SHARED,
                List.of(),
                Set.of(),
                List.of(unlabelled0, unlabelled1, unknown),
                List.of(
                        new Reconciliation.Recorded("i0", Optional.of(SELF), Optional.of(alices)),
                        new Reconciliation.Recorded("i1", Optional.of("m1"), Optional.of(bobs))));

        assertEquals(
                new ReconciliationPlan(List.of(), List.of(alices), List.of(), List.of()),
                plan,
                "its own taken back, m1's left to m1, one nobody recorded left while another member may own it");
    }

    @Example
    void aMemberAloneJudgesUnlabelledInstancesAsBefore() {
        AgentInstance unknown = new AgentInstance("i2", "h0", AgentInstance.State.READY, Optional.empty());

        ReconciliationPlan plan =
                Reconciliation.plan(Membership.alone(SELF), List.of(), Set.of(), List.of(unknown), List.of());

        assertEquals(List.of("i2"), plan.destroy());
    }

    @Example
    void aDepartedMembersRecordOfAnInstanceNoLongerListedIsDeleted() {
        InstanceSnapshot carols = instance("i0", new InstanceLifecycle.Assigned("carol", PoolArbitraries.T0));

        ReconciliationPlan plan = Reconciliation.plan(
                SHARED,
                List.of(),
                Set.of(),
                List.of(new AgentInstance("i1", "h0", AgentInstance.State.READY, "m2")),
                List.of(new Reconciliation.Recorded("i0", Optional.of("m2"), Optional.of(carols))));

        assertEquals(new ReconciliationPlan(List.of(), List.of(), List.of("i0"), List.of("i1")), plan);
    }

    @Provide
    Arbitrary<HostState> sharedHosts() {
        Arbitrary<Optional<String>> member =
                Arbitraries.of(Optional.of(SELF), Optional.of("m1"), Optional.of("m2"), Optional.<String>empty());
        Arbitrary<List<AgentInstance>> listed = Combinators.combine(
                        Arbitraries.of(IDS), Arbitraries.of(AgentInstance.State.class), member)
                .as((id, state, m) -> new AgentInstance(id, "h0", state, m))
                .list()
                .ofMaxSize(5)
                .uniqueElements(AgentInstance::instanceId);
        Arbitrary<List<Reconciliation.Recorded>> recorded = Combinators.combine(
                        Arbitraries.of(IDS), Arbitraries.of(PoolArbitraries.OWNERS), member)
                .as((id, owner, m) -> new Reconciliation.Recorded(
                        id, m, Optional.of(instance(id, new InstanceLifecycle.Assigned(owner, PoolArbitraries.T0)))))
                .list()
                .ofMaxSize(4)
                .uniqueElements(Reconciliation.Recorded::instanceId);
        return Combinators.combine(hosts(), listed, recorded)
                .as((own, l, r) -> new HostState(own.known(), own.knownSinceListing(), l, r));
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
                        Arbitraries.of(IDS),
                        Arbitraries.of(AgentInstance.State.class),
                        Arbitraries.of(Optional.of(SELF), Optional.<String>empty()))
                .as((id, state, member) -> new AgentInstance(id, "h0", state, member))
                .list()
                .ofMaxSize(5)
                .uniqueElements(AgentInstance::instanceId);
        Arbitrary<List<Reconciliation.Recorded>> recorded = Combinators.combine(
                        Arbitraries.of(IDS),
                        Arbitraries.of(PoolArbitraries.OWNERS).injectNull(0.3),
                        Arbitraries.of(true, true, false),
                        Arbitraries.of(Optional.of(SELF), Optional.<String>empty()))
                .as((id, owner, readable, member) -> new Reconciliation.Recorded(
                        id,
                        member,
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
        return new InstanceSnapshot(id, "h0", Runtime.PYTHON3, Isolation.SANDBOX, null, null, lifecycle);
    }

    private static AgentInstance ready(String id) {
        return new AgentInstance(id, "h0", AgentInstance.State.READY, SELF);
    }
}
