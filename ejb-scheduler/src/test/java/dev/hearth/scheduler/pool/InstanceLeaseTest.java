package dev.hearth.scheduler.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.AgentInstance;
import dev.hearth.domain.placement.HostSnapshot;
import dev.hearth.domain.placement.InstanceLifecycle;
import dev.hearth.domain.placement.InstanceSnapshot;
import dev.hearth.domain.placement.PlacementRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way out of an invocation leaves the pool as it should be. */
class InstanceLeaseTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final PlacementRequest ALICE =
            new PlacementRequest("alice", Runtime.PYTHON3, Isolation.SANDBOX, "f", "sha-a");

    private final Map<String, InstanceRecord> rows = new LinkedHashMap<>();
    private InstancePool pool;

    @BeforeEach
    void oneHost() {
        pool = InMemoryPool.over(rows);
        pool.hostSeen(new HostSnapshot("h", 1, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX)));
    }

    @Test
    void closingReleasesTheInstanceToWaitWarmForItsOwner() {
        try (InstanceLease lease = coldBoot("i1")) {
            assertInstanceOf(InstanceLifecycle.Busy.class, only().lifecycle());
        }

        assertTrue(only().isIdleFor("alice"));
    }

    @Test
    void anExceptionStillReleasesTheInstance() {
        assertThrows(IllegalStateException.class, () -> {
            try (InstanceLease lease = coldBoot("i1")) {
                throw new IllegalStateException("the credential could not be bound");
            }
        });

        assertTrue(only().isIdleFor("alice"));
    }

    @Test
    void aGoneInstanceIsForgottenInMemoryAndInTheDatabase() {
        try (InstanceLease lease = coldBoot("i1")) {
            lease.gone();
        }

        assertTrue(pool.snapshot().instances().isEmpty());
        assertTrue(rows.isEmpty());
    }

    @Test
    void aBootThatNeverEndedFreesTheSlot() {
        try (InstanceLease lease = new InstanceLease(pool, pool.claim(ALICE, T0), ALICE)) {
            assertThrows(IllegalStateException.class, lease::instance, "nothing booted yet");
        }

        assertTrue(pool.snapshot().instances().isEmpty());
        assertEquals(1, pool.snapshot().freeSlots(pool.snapshot().host("h").orElseThrow()));
    }

    private InstanceLease coldBoot(String id) {
        InstanceLease lease = new InstanceLease(pool, pool.claim(ALICE, T0), ALICE);
        lease.booted(new AgentInstance(id, "h", AgentInstance.State.READY, InMemoryPool.SERVER), T0);
        return lease;
    }

    private InstanceSnapshot only() {
        assertEquals(1, pool.snapshot().instances().size());
        return pool.snapshot().instances().get(0);
    }
}
