package dev.hearth.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PlacementTest {

    private static final Instant T0 = PoolArbitraries.T0;

    @Property
    void neverOffersAnotherOwnersInstance(
            @ForAll("requests") PlacementRequest request, @ForAll("pools") PoolSnapshot pool) {
        PlacementDecision decision = Placement.select(request, pool);

        if (decision instanceof PlacementDecision.Warm warm) {
            assertEquals(Optional.of(request.owner()), warm.instance().owner());
            assertTrue(warm.instance().isIdleFor(request.owner()));
        }
        if (decision instanceof PlacementDecision.WarmingPoolHit hit) {
            assertInstanceOf(InstanceLifecycle.Warming.class, hit.instance().lifecycle());
            assertEquals(Optional.empty(), hit.instance().owner());
        }
    }

    @Property
    void warmWheneverAnIdleInstanceOfTheOwnerRunsTheCode(
            @ForAll("requests") PlacementRequest request, @ForAll("pools") PoolSnapshot pool) {
        boolean idleMatch = pool.instances().stream().anyMatch(i -> matchesWarm(request, pool, i));

        PlacementDecision decision = Placement.select(request, pool);

        assertEquals(idleMatch, decision instanceof PlacementDecision.Warm);
        if (decision instanceof PlacementDecision.Warm warm) {
            assertTrue(matchesWarm(request, pool, warm.instance()));
        }
    }

    @Property
    void takesFromTheWarmingPoolBeforeBooting(
            @ForAll("requests") PlacementRequest request, @ForAll("pools") PoolSnapshot pool) {
        boolean idleMatch = pool.instances().stream().anyMatch(i -> matchesWarm(request, pool, i));
        boolean pooled = pool.instances().stream()
                .anyMatch(i -> i.lifecycle() instanceof InstanceLifecycle.Warming
                        && i.isA(request.runtime(), request.isolation())
                        && pool.isPlaceable(i.hostId()));

        PlacementDecision decision = Placement.select(request, pool);

        assertEquals(!idleMatch && pooled, decision instanceof PlacementDecision.WarmingPoolHit);
        if (decision instanceof PlacementDecision.WarmingPoolHit hit) {
            assertEquals(request.runtime(), hit.instance().runtime());
            assertEquals(
                    request.isolation(), hit.instance().isolation(), "never a sandbox for a function that needs a VM");
        }
    }

    @Property
    void coldPicksAHealthyHostWithRoomOrMakesRoom(
            @ForAll("requests") PlacementRequest request, @ForAll("pools") PoolSnapshot pool) {
        PlacementDecision decision = Placement.select(request, pool);

        if (decision instanceof PlacementDecision.Cold cold) {
            HostSnapshot host = pool.hosts().stream()
                    .filter(h -> h.hostId().equals(cold.hostId()))
                    .findFirst()
                    .orElseThrow();
            assertTrue(host.healthy() && host.offers(request.runtime(), request.isolation()));
            if (cold.evict().isEmpty()) {
                assertTrue(pool.freeSlots(host) > 0);
                assertTrue(pool.hosts().stream()
                        .filter(h -> h.placeable() && h.offers(request.runtime(), request.isolation()))
                        .allMatch(h -> pool.freeSlots(h) <= pool.freeSlots(host)));
            } else {
                InstanceSnapshot victim = cold.evict().get();
                assertEquals(0, pool.freeSlots(host));
                assertEquals(host.hostId(), victim.hostId());
                boolean idleExisted = pool.instances().stream()
                        .anyMatch(i -> i.hostId().equals(host.hostId())
                                && i.idleSince().isPresent());
                if (idleExisted) {
                    assertInstanceOf(InstanceLifecycle.Assigned.class, victim.lifecycle());
                } else {
                    assertInstanceOf(InstanceLifecycle.Warming.class, victim.lifecycle());
                    assertTrue(
                            !victim.isA(request.runtime(), request.isolation()),
                            "a pool instance of the runtime and isolation is a hit");
                }
            }
        }
    }

    @Property
    void rejectsOnlyWhenNoHostHasOrCanMakeRoom(
            @ForAll("requests") PlacementRequest request, @ForAll("pools") PoolSnapshot pool) {
        List<HostSnapshot> able = pool.hosts().stream()
                .filter(h -> h.placeable() && h.offers(request.runtime(), request.isolation()))
                .toList();
        boolean room = able.stream().anyMatch(h -> pool.freeSlots(h) > 0)
                || pool.instances().stream()
                        .anyMatch(i -> (i.lifecycle() instanceof InstanceLifecycle.Assigned
                                        || i.lifecycle() instanceof InstanceLifecycle.Warming)
                                && able.stream().anyMatch(h -> h.hostId().equals(i.hostId())));

        PlacementDecision decision = Placement.select(request, pool);

        if (decision instanceof PlacementDecision.Reject reject) {
            assertTrue(!room);
            assertEquals(able.isEmpty(), reject.cause() != PlacementDecision.Reject.Cause.ALL_BUSY);
        }
        if (!room) {
            assertTrue(decision instanceof PlacementDecision.Reject
                    || decision instanceof PlacementDecision.Warm
                    || decision instanceof PlacementDecision.WarmingPoolHit);
        }
    }

    @Example
    void bootsOnTheHostWithTheMostFreeSlots() {
        HostSnapshot small = new HostSnapshot("small", 2, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
        HostSnapshot large = new HostSnapshot("large", 8, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
        InstanceSnapshot othersIdle = new InstanceSnapshot(
                "i1", "large", Runtime.PYTHON3, Isolation.SANDBOX, "f", "a", new InstanceLifecycle.Assigned("bob", T0));

        PlacementDecision decision = Placement.select(
                new PlacementRequest("alice", Runtime.PYTHON3, Isolation.SANDBOX, "f", "a"),
                new PoolSnapshot(List.of(small, large), List.of(othersIdle)));

        assertEquals(new PlacementDecision.Cold("large"), decision);
    }

    @Example
    void aFullHostEvictsTheInstanceIdleLongest() {
        HostSnapshot host = new HostSnapshot("h", 2, Set.of(Runtime.NODEJS), Set.of(Isolation.SANDBOX));
        InstanceSnapshot older = new InstanceSnapshot(
                "old", "h", Runtime.NODEJS, Isolation.SANDBOX, "f", "x", new InstanceLifecycle.Assigned("bob", T0));
        InstanceSnapshot newer = new InstanceSnapshot(
                "new",
                "h",
                Runtime.NODEJS,
                Isolation.SANDBOX,
                "f",
                "y",
                new InstanceLifecycle.Assigned("carol", T0.plusSeconds(5)));

        PlacementDecision decision = Placement.select(
                new PlacementRequest("alice", Runtime.NODEJS, Isolation.SANDBOX, "f", "z"),
                new PoolSnapshot(List.of(host), List.of(newer, older)));

        assertEquals(new PlacementDecision.Cold("h", Optional.of(older)), decision);
    }

    @Property
    void neverPlacesOnAHostThatIsDrainingOrUnhealthy(
            @ForAll("requests") PlacementRequest request, @ForAll("pools") PoolSnapshot pool) {
        PlacementDecision decision = Placement.select(request, pool);

        if (decision instanceof PlacementDecision.Warm warm) {
            assertTrue(pool.isPlaceable(warm.instance().hostId()));
        }
        if (decision instanceof PlacementDecision.WarmingPoolHit hit) {
            assertTrue(pool.isPlaceable(hit.instance().hostId()));
        }
        if (decision instanceof PlacementDecision.Cold cold) {
            assertTrue(pool.isPlaceable(cold.hostId()));
        }
    }

    @Example
    void aFullHostWithoutIdleInstancesGivesUpAPoolInstanceOfAnotherRuntime() {
        HostSnapshot host =
                new HostSnapshot("h", 1, Set.of(Runtime.NODEJS, Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
        InstanceSnapshot pooledPython = new InstanceSnapshot(
                "p", "h", Runtime.PYTHON3, Isolation.SANDBOX, null, null, new InstanceLifecycle.Warming());

        PlacementDecision decision = Placement.select(
                new PlacementRequest("alice", Runtime.NODEJS, Isolation.SANDBOX, "f", "z"),
                new PoolSnapshot(List.of(host), List.of(pooledPython)));

        assertEquals(new PlacementDecision.Cold("h", Optional.of(pooledPython)), decision);
    }

    @Example
    void aDrainingHostTakesNoWork() {
        HostSnapshot draining =
                new HostSnapshot("d", true, true, 4, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
        InstanceSnapshot idle = new InstanceSnapshot(
                "i", "d", Runtime.PYTHON3, Isolation.SANDBOX, "f", "a", new InstanceLifecycle.Assigned("alice", T0));

        PlacementDecision decision = Placement.select(
                new PlacementRequest("alice", Runtime.PYTHON3, Isolation.SANDBOX, "f", "a"),
                new PoolSnapshot(List.of(draining), List.of(idle)));

        assertInstanceOf(PlacementDecision.Reject.class, decision);
    }

    @Example
    void rejectsWhenEveryInstanceIsBusy() {
        HostSnapshot host = new HostSnapshot("h", 1, Set.of(Runtime.NODEJS), Set.of(Isolation.SANDBOX));
        InstanceSnapshot busy = new InstanceSnapshot(
                "b", "h", Runtime.NODEJS, Isolation.SANDBOX, "f", "z", new InstanceLifecycle.Busy("alice", T0));

        PlacementDecision decision = Placement.select(
                new PlacementRequest("alice", Runtime.NODEJS, Isolation.SANDBOX, "f", "z"),
                new PoolSnapshot(List.of(host), List.of(busy)));

        assertInstanceOf(PlacementDecision.Reject.class, decision);
    }

    private static boolean matchesWarm(PlacementRequest request, PoolSnapshot pool, InstanceSnapshot i) {
        return i.isIdleFor(request.owner())
                && i.isA(request.runtime(), request.isolation())
                && request.functionId().equals(i.functionId())
                && request.codeSha256().equals(i.codeSha256())
                && pool.isPlaceable(i.hostId());
    }

    /**
     * Two functions of one owner with the same code: the idle instance of one holds its
     * containers, not the other's, so the other takes a warming-pool instance.
     */
    @Example
    void anIdleInstanceOfTheOwnersOtherFunctionIsNotWarmEvenWithTheSameCode() {
        HostSnapshot host = new HostSnapshot("h", 4, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
        InstanceSnapshot othersFunction = new InstanceSnapshot(
                "idle",
                "h",
                Runtime.PYTHON3,
                Isolation.SANDBOX,
                "f-1",
                "a",
                new InstanceLifecycle.Assigned("alice", T0));
        InstanceSnapshot pooled = new InstanceSnapshot(
                "pooled", "h", Runtime.PYTHON3, Isolation.SANDBOX, null, null, new InstanceLifecycle.Warming());
        PoolSnapshot pool = new PoolSnapshot(List.of(host), List.of(othersFunction, pooled));

        assertEquals(
                new PlacementDecision.WarmingPoolHit(pooled),
                Placement.select(new PlacementRequest("alice", Runtime.PYTHON3, Isolation.SANDBOX, "f-2", "a"), pool));
        assertEquals(
                new PlacementDecision.Warm(othersFunction),
                Placement.select(new PlacementRequest("alice", Runtime.PYTHON3, Isolation.SANDBOX, "f-1", "a"), pool));
    }

    @Provide
    Arbitrary<PlacementRequest> requests() {
        return Combinators.combine(
                        Arbitraries.of(PoolArbitraries.OWNERS),
                        Arbitraries.of(Runtime.class),
                        Arbitraries.of(Isolation.class),
                        Arbitraries.of("f-1", "f-2"),
                        Arbitraries.of("sha-a", "sha-b"))
                .as(PlacementRequest::new);
    }

    @Provide
    Arbitrary<PoolSnapshot> pools() {
        return PoolArbitraries.pools();
    }
}
