package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.AgentInstance;
import dev.hearth.domain.placement.HostSnapshot;
import dev.hearth.domain.placement.InstanceSnapshot;
import dev.hearth.domain.placement.Membership;
import dev.hearth.domain.placement.PoolTarget;
import dev.hearth.scheduler.pool.InMemoryPool;
import dev.hearth.scheduler.pool.InstancePool;
import dev.hearth.scheduler.pool.InstanceRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two members of the control plane, each with its own pool and maintenance, sharing one host
 * agent and one database (ADR 26): neither takes, destroys or counts the other's instances, and a
 * member that leaves has its instances destroyed by the survivor.
 */
class SharedFleetTest {

    private static final HostSnapshot HOST =
            new HostSnapshot("h", 4, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));

    private final Map<String, InstanceRecord> rows = new LinkedHashMap<>();
    private final ScriptedAgent agent = new ScriptedAgent(HOST);
    private final List<PoolTarget> targets = new ArrayList<>();
    private final Set<String> live = new HashSet<>(Set.of("m1", "m2"));
    private final Set<String> draining = new HashSet<>();
    private PoolMaintenance m1;
    private PoolMaintenance m2;

    @BeforeEach
    void twoMembers() {
        m1 = member("m1");
        m2 = member("m2");
        targets.add(new PoolTarget(Runtime.PYTHON3, 2, 2));
    }

    @Test
    void eachMemberPlacesWithinItsShareOfTheHost() {
        m1.checkHosts();
        m2.checkHosts();

        assertEquals(2, m1.pool.snapshot().host("h").orElseThrow().instanceCapacity());
        assertEquals(2, m2.pool.snapshot().host("h").orElseThrow().instanceCapacity());
    }

    @Test
    void eachMemberKeepsItsShareOfTheWarmingPoolAndNeitherTouchesTheOthers() {
        for (int round = 0; round < 3; round++) {
            m1.checkHosts();
            m1.refill();
            m2.checkHosts();
            m2.refill();
        }

        assertEquals(List.of(), agent.destroyed);
        assertEquals(2, agent.running.size(), "the target, once across both members");
        assertEquals(Set.of("m1"), membersOf(m1.pool));
        assertEquals(Set.of("m2"), membersOf(m2.pool));
        assertEquals(1, m1.pool.snapshot().instances().size());
        assertEquals(1, m2.pool.snapshot().instances().size());
    }

    @Test
    void anInstanceAnotherMemberBootedButHasNotRecordedYetSurvivesTheHostCheck() {
        agent.running.put("fresh", new AgentInstance("fresh", "h", AgentInstance.State.READY, "m1"));

        m2.checkHosts();

        assertEquals(List.of(), agent.destroyed);
        assertTrue(m2.pool.snapshot().instances().isEmpty(), "m2 does not take m1's instance");

        m1.checkHosts();
        assertEquals(List.of("fresh"), agent.destroyed, "m1 knows no boot of it: a stray of its own");
    }

    @Test
    void aRestartedMemberRecoversOnlyItsOwnInstances() {
        m1.checkHosts();
        m1.refill();
        m2.checkHosts();
        m2.refill();

        PoolMaintenance restarted = member("m2");
        restarted.checkHosts();

        assertEquals(Set.of("m2"), membersOf(restarted.pool));
        assertEquals(List.of(), agent.destroyed);
    }

    @Test
    void theInstancesOfAMemberThatLeftAreDestroyedByTheSurvivor() {
        m1.checkHosts();
        m1.refill();
        String orphan = m1.pool.snapshot().instances().get(0).instanceId();
        agent.running.put("unrecorded", new AgentInstance("unrecorded", "h", AgentInstance.State.READY, "m1"));

        live.remove("m1");
        m2.checkHosts();

        assertEquals(Set.of(orphan, "unrecorded"), Set.copyOf(agent.destroyed));
        assertTrue(rows.values().stream().noneMatch(r -> "m1".equals(r.member())), "m1's rows are deleted");
        assertEquals(4, m2.pool.snapshot().host("h").orElseThrow().instanceCapacity(), "the whole host is m2's");
    }

    @Test
    void aHostDrainedThroughOneMemberIsDrainedOnTheOtherAtItsNextHostCheck() {
        m1.checkHosts();
        m2.checkHosts();

        m1.pool.setDraining("h", true);
        m2.checkHosts();
        m2.refill();

        assertTrue(m2.pool.snapshot().host("h").orElseThrow().draining());
        assertTrue(agent.running.isEmpty(), "m2 boots nothing on the drained host");

        m1.pool.setDraining("h", false);
        m2.checkHosts();
        assertFalse(m2.pool.snapshot().host("h").orElseThrow().draining());
    }

    private PoolMaintenance member(String name) {
        PoolMaintenance maintenance = new PoolMaintenance();
        maintenance.pool = InMemoryPool.recovered(rows, draining, () -> new Membership(name, live));
        maintenance.gateway = agent;
        maintenance.settings = new ListedPoolTargets(targets);
        return maintenance;
    }

    /** The members that the rows of the pool's instances name. */
    private Set<String> membersOf(InstancePool pool) {
        return pool.snapshot().instances().stream()
                .map(InstanceSnapshot::instanceId)
                .map(id -> rows.get(id).member())
                .collect(Collectors.toSet());
    }
}
