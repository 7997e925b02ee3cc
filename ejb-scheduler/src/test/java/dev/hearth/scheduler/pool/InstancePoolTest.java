package dev.hearth.scheduler.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.AgentInstance;
import dev.hearth.domain.placement.HostSnapshot;
import dev.hearth.domain.placement.InstanceLifecycle;
import dev.hearth.domain.placement.InstanceSnapshot;
import dev.hearth.domain.placement.PlacementDecision;
import dev.hearth.domain.placement.PlacementRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool's bookkeeping against an in-memory database: claims, recovery and reconciliation. */
class InstancePoolTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final HostSnapshot HOST =
            new HostSnapshot("h", 4, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
    private static final PlacementRequest ALICE =
            new PlacementRequest("alice", Runtime.PYTHON3, Isolation.SANDBOX, "f", "sha-a");
    private static final PlacementRequest BOB =
            new PlacementRequest("bob", Runtime.PYTHON3, Isolation.SANDBOX, "f", "sha-b");

    private final Map<String, InstanceRecord> rows = new LinkedHashMap<>();
    private InstancePool pool;

    @BeforeEach
    void emptyPool() {
        pool = newPool();
        pool.hostSeen(HOST);
    }

    @Test
    void aClaimedPoolInstanceIsWrittenAsOwnedAndNeverOfferedToAnother() {
        String pooled = bootIntoPool("w1");

        Claim alice = pool.claim(ALICE, T0);
        pool.release(alice.instanceId(), T0.plusSeconds(1));
        Claim bob = pool.claim(BOB, T0.plusSeconds(2));

        assertInstanceOf(PlacementDecision.WarmingPoolHit.class, alice.decision());
        assertEquals(pooled, alice.instanceId());
        assertEquals("alice", rows.get(pooled).owner(), "written through before the instance serves");
        assertInstanceOf(PlacementDecision.Cold.class, bob.decision(), "bob's request boots a new instance");
    }

    /**
     * Two invocations claim at once while the first one's write of its warming-pool instance's
     * owner is slow: the second waits for it, then boots an instance of its own instead of being
     * offered the same one.
     */
    @Test
    void aClaimWaitsForAnotherToWriteItsInstanceThroughAndNeverGetsTheSame() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        // The database: writing a claimed instance's owner (InMemoryPool's assign) lasts until the test says.
        pool = InMemoryPool.over(new LinkedHashMap<>() {
            @Override
            public InstanceRecord computeIfPresent(
                    String id, BiFunction<? super String, ? super InstanceRecord, ? extends InstanceRecord> assign) {
                writing.countDown();
                try {
                    written.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return super.computeIfPresent(id, assign);
            }
        });
        pool.hostSeen(HOST);
        String pooled = bootIntoPool("w1");

        FutureTask<Claim> alice = new FutureTask<>(() -> pool.claim(ALICE, T0));
        new Thread(alice, "alice").start();
        assertTrue(writing.await(10, TimeUnit.SECONDS), "alice's claim writes the owner through");
        FutureTask<Claim> bob = new FutureTask<>(() -> pool.claim(BOB, T0));
        Thread bobs = new Thread(bob, "bob");
        bobs.start();
        awaitParked(bobs);
        written.countDown();

        assertEquals(pooled, alice.get(10, TimeUnit.SECONDS).instanceId());
        assertInstanceOf(
                PlacementDecision.Cold.class,
                bob.get(10, TimeUnit.SECONDS).decision(),
                "bob's request boots a new instance");
    }

    @Test
    void aRestartedServerTakesBackWhatTheDatabaseRecordsAsItWasOwned() {
        bootIntoPool("w1");
        pool.claim(ALICE, T0);
        bootIntoPool("w2");

        InstancePool restarted = newPool();
        restarted.recover();
        restarted.hostSeen(HOST);
        List<String> destroy = restarted.reconcile("h", List.of(ready("w1"), ready("w2")), 0);

        assertEquals(List.of(), destroy);
        assertEquals(
                Optional.of("alice"), instance(restarted, "w1").owner(), "the agent says null; the row says alice");
        assertInstanceOf(
                InstanceLifecycle.Warming.class, instance(restarted, "w2").lifecycle());
        assertInstanceOf(
                PlacementDecision.Warm.class, restarted.claim(ALICE, T0).decision());
    }

    @Test
    void instancesTheAgentNoLongerRunsAreForgottenAndUnknownOnesDestroyed() {
        bootIntoPool("w1");
        long mark = pool.sequence();

        List<String> destroy = pool.reconcile("h", List.of(ready("stray")), mark);

        assertEquals(List.of("stray"), destroy);
        assertTrue(pool.snapshot().instances().isEmpty());
        assertTrue(rows.isEmpty());
    }

    @Test
    void anInstanceBootedAfterTheListingIsKept() {
        long mark = pool.sequence();
        bootIntoPool("w1");

        List<String> destroy = pool.reconcile("h", List.of(), mark);

        assertEquals(List.of(), destroy);
        assertEquals(1, pool.snapshot().instances().size());
    }

    @Test
    void unknownInstancesAreSparedWhileABootIsUnderWay() {
        pool.reservePoolBoot("h", Runtime.PYTHON3).orElseThrow();

        List<String> destroy = pool.reconcile("h", List.of(ready("maybe-the-boot")), pool.sequence());

        assertEquals(List.of(), destroy);
    }

    @Test
    void aFailedHostsInstancesAreForgottenAndTakenBackWhenItAnswersAgain() {
        bootIntoPool("w1");
        Claim alice = pool.claim(ALICE, T0);
        pool.release(alice.instanceId(), T0);

        pool.hostFailed("h");
        assertTrue(pool.snapshot().instances().isEmpty());
        assertInstanceOf(PlacementDecision.Reject.class, pool.claim(BOB, T0).decision());

        assertTrue(pool.hostSeen(HOST), "it joins placement again");
        pool.reconcile("h", List.of(ready("w1")), pool.sequence());
        assertEquals(Optional.of("alice"), instance(pool, "w1").owner());
    }

    @Test
    void aRetiredInstanceMustBeUnchangedSinceItWasChosen() {
        bootIntoPool("w1");
        InstanceSnapshot chosen = instance(pool, "w1");
        pool.claim(ALICE, T0);

        assertFalse(pool.retire(chosen), "claimed meanwhile: it serves alice now");
        assertTrue(pool.retire(instance(pool, "w1")));
        assertTrue(rows.isEmpty());
    }

    @Test
    void aDrainingHostTakesNoPoolBoots() {
        pool.setDraining("h", true);

        assertEquals(Optional.empty(), pool.reservePoolBoot("h", Runtime.PYTHON3));
        assertTrue(pool.snapshot().host("h").orElseThrow().draining());
    }

    private String bootIntoPool(String id) {
        String placeholder = pool.reservePoolBoot("h", Runtime.PYTHON3).orElseThrow();
        pool.poolBooted(placeholder, ready(id), T0);
        return id;
    }

    /** Until {@code thread} waits: for the pool's lock, or (were there none) in the same slow write. */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING
                && thread.getState() != Thread.State.TIMED_WAITING
                && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static InstanceSnapshot instance(InstancePool pool, String id) {
        return pool.snapshot().instances().stream()
                .filter(i -> i.instanceId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static AgentInstance ready(String id) {
        return new AgentInstance(id, "h", AgentInstance.State.READY, InMemoryPool.SERVER);
    }

    private InstancePool newPool() {
        return InMemoryPool.over(rows);
    }
}
