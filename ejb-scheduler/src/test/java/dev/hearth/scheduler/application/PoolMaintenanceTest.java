package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.AgentInstance;
import dev.hearth.domain.placement.HostSnapshot;
import dev.hearth.domain.placement.InstanceLifecycle;
import dev.hearth.domain.placement.PoolTarget;
import dev.hearth.scheduler.pool.InMemoryPool;
import dev.hearth.scheduler.pool.InstanceRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Maintenance against a scripted agent and an in-memory pool: host checks and refills. */
class PoolMaintenanceTest {

    private static final HostSnapshot HOST =
            new HostSnapshot("h", 3, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));

    private final Map<String, InstanceRecord> rows = new LinkedHashMap<>();
    private final ScriptedAgent agent = new ScriptedAgent(HOST);
    private final List<PoolTarget> targets = new ArrayList<>();
    private PoolMaintenance maintenance;

    @BeforeEach
    void maintenance() {
        maintenance = new PoolMaintenance();
        maintenance.pool = InMemoryPool.over(rows);
        maintenance.gateway = agent;
        maintenance.settings = new ListedPoolTargets(targets);
    }

    @Test
    void anAnsweringHostJoinsPlacementAndItsUnknownInstancesAreDestroyed() {
        agent.running.put("stray", new AgentInstance("stray", "h", AgentInstance.State.READY, InMemoryPool.SERVER));

        maintenance.checkHosts();

        assertTrue(maintenance.pool.hasHealthyHost());
        assertEquals(List.of("stray"), agent.destroyed);
        assertTrue(maintenance.pool.snapshot().instances().isEmpty());
    }

    @Test
    void refillBootsTheWarmingPoolToItsTarget() {
        maintenance.checkHosts();
        targets.add(new PoolTarget(Runtime.PYTHON3, 2, 2));

        maintenance.refill();

        assertEquals(2, agent.running.size());
        assertEquals(2, rows.size());
        assertTrue(maintenance.pool.snapshot().instances().stream()
                .allMatch(i -> i.lifecycle() instanceof InstanceLifecycle.Warming));
    }

    @Test
    void aFailedPoolBootFreesItsSlot() {
        maintenance.checkHosts();
        targets.add(new PoolTarget(Runtime.PYTHON3, 1, 1));
        agent.refuseBoots = true;

        maintenance.refill();

        assertTrue(maintenance.pool.snapshot().instances().isEmpty());
        assertTrue(rows.isEmpty());
    }

    @Test
    void aHostThatStaysDownLeavesPlacementAndItsInstancesAreForgottenButStillRecorded() {
        maintenance.checkHosts();
        targets.add(new PoolTarget(Runtime.PYTHON3, 1, 1));
        maintenance.refill();

        agent.down = true;
        maintenance.checkHosts();

        assertFalse(maintenance.pool.hasHealthyHost());
        assertTrue(maintenance.pool.snapshot().instances().isEmpty());
        assertEquals(1, rows.size(), "kept, so that the host's next check takes it back");

        agent.down = false;
        maintenance.checkHosts();
        assertEquals(1, maintenance.pool.snapshot().instances().size());
        assertEquals(List.of(), agent.destroyed);
    }

    @Test
    void aHostThatRefusesOnceAndThenAnswersIsChecked() {
        agent.refusalsLeft = 1;

        maintenance.checkHosts();

        assertTrue(maintenance.pool.hasHealthyHost(), "a stale pooled connection fails once");
    }
}
