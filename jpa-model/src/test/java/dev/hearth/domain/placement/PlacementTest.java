package dev.hearth.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.Runtime;
import java.time.Instant;
import java.util.ArrayList;
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

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final List<String> OWNERS = List.of("alice", "bob", "carol");
    private static final List<String> HOSTS = List.of("h0", "h1", "h2");

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
                        && i.runtime() == request.runtime()
                        && pool.isHealthy(i.hostId()));

        PlacementDecision decision = Placement.select(request, pool);

        assertEquals(!idleMatch && pooled, decision instanceof PlacementDecision.WarmingPoolHit);
        if (decision instanceof PlacementDecision.WarmingPoolHit hit) {
            assertEquals(request.runtime(), hit.instance().runtime());
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
            assertTrue(host.healthy() && host.offers(request.runtime()));
            if (cold.evict().isEmpty()) {
                assertTrue(pool.freeSlots(host) > 0);
                assertTrue(pool.hosts().stream()
                        .filter(h -> h.healthy() && h.offers(request.runtime()))
                        .allMatch(h -> pool.freeSlots(h) <= pool.freeSlots(host)));
            } else {
                InstanceSnapshot victim = cold.evict().get();
                assertEquals(0, pool.freeSlots(host));
                assertEquals(host.hostId(), victim.hostId());
                assertInstanceOf(InstanceLifecycle.Assigned.class, victim.lifecycle());
            }
        }
    }

    @Property
    void rejectsOnlyWhenNoHostHasOrCanMakeRoom(
            @ForAll("requests") PlacementRequest request, @ForAll("pools") PoolSnapshot pool) {
        List<HostSnapshot> able = pool.hosts().stream()
                .filter(h -> h.healthy() && h.offers(request.runtime()))
                .toList();
        boolean room = able.stream().anyMatch(h -> pool.freeSlots(h) > 0)
                || pool.instances().stream()
                        .anyMatch(i -> i.lifecycle() instanceof InstanceLifecycle.Assigned
                                && able.stream().anyMatch(h -> h.hostId().equals(i.hostId())));

        PlacementDecision decision = Placement.select(request, pool);

        if (decision instanceof PlacementDecision.Reject) {
            assertTrue(!room);
        }
        if (!room) {
            assertTrue(decision instanceof PlacementDecision.Reject
                    || decision instanceof PlacementDecision.Warm
                    || decision instanceof PlacementDecision.WarmingPoolHit);
        }
    }

    @Example
    void bootsOnTheHostWithTheMostFreeSlots() {
        HostSnapshot small = new HostSnapshot("small", true, 2, Set.of(Runtime.PYTHON3));
        HostSnapshot large = new HostSnapshot("large", true, 8, Set.of(Runtime.PYTHON3));
        InstanceSnapshot othersIdle =
                new InstanceSnapshot("i1", "large", Runtime.PYTHON3, "a", new InstanceLifecycle.Assigned("bob", T0));

        PlacementDecision decision = Placement.select(
                new PlacementRequest("alice", Runtime.PYTHON3, "a"),
                new PoolSnapshot(List.of(small, large), List.of(othersIdle)));

        assertEquals(new PlacementDecision.Cold("large"), decision);
    }

    @Example
    void aFullHostEvictsTheInstanceIdleLongest() {
        HostSnapshot host = new HostSnapshot("h", true, 2, Set.of(Runtime.NODEJS));
        InstanceSnapshot older =
                new InstanceSnapshot("old", "h", Runtime.NODEJS, "x", new InstanceLifecycle.Assigned("bob", T0));
        InstanceSnapshot newer = new InstanceSnapshot(
                "new", "h", Runtime.NODEJS, "y", new InstanceLifecycle.Assigned("carol", T0.plusSeconds(5)));

        PlacementDecision decision = Placement.select(
                new PlacementRequest("alice", Runtime.NODEJS, "z"),
                new PoolSnapshot(List.of(host), List.of(newer, older)));

        assertEquals(new PlacementDecision.Cold("h", Optional.of(older)), decision);
    }

    @Example
    void rejectsWhenEveryInstanceIsBusy() {
        HostSnapshot host = new HostSnapshot("h", true, 1, Set.of(Runtime.NODEJS));
        InstanceSnapshot busy =
                new InstanceSnapshot("b", "h", Runtime.NODEJS, "z", new InstanceLifecycle.Busy("alice", T0));

        PlacementDecision decision = Placement.select(
                new PlacementRequest("alice", Runtime.NODEJS, "z"), new PoolSnapshot(List.of(host), List.of(busy)));

        assertInstanceOf(PlacementDecision.Reject.class, decision);
    }

    private static boolean matchesWarm(PlacementRequest request, PoolSnapshot pool, InstanceSnapshot i) {
        return i.isIdleFor(request.owner())
                && i.runtime() == request.runtime()
                && request.codeSha256().equals(i.codeSha256())
                && pool.isHealthy(i.hostId());
    }

    @Provide
    Arbitrary<PlacementRequest> requests() {
        return Combinators.combine(
                        Arbitraries.of(OWNERS), Arbitraries.of(Runtime.class), Arbitraries.of("sha-a", "sha-b"))
                .as(PlacementRequest::new);
    }

    @Provide
    Arbitrary<PoolSnapshot> pools() {
        Arbitrary<HostSnapshot> host = Combinators.combine(
                        Arbitraries.of(HOSTS),
                        Arbitraries.of(true, true, false),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.subsetOf(Runtime.values()))
                .as(HostSnapshot::new);
        Arbitrary<List<HostSnapshot>> hosts = host.list().ofMaxSize(3).uniqueElements(HostSnapshot::hostId);
        Arbitrary<InstanceLifecycle> lifecycle = Arbitraries.oneOf(
                Arbitraries.just(new InstanceLifecycle.Booting()),
                Arbitraries.just(new InstanceLifecycle.Warming()),
                Combinators.combine(
                                Arbitraries.of(OWNERS), Arbitraries.integers().between(0, 100))
                        .as((o, s) -> new InstanceLifecycle.Assigned(o, T0.plusSeconds(s))),
                Combinators.combine(
                                Arbitraries.of(OWNERS), Arbitraries.integers().between(0, 100))
                        .as((o, s) -> new InstanceLifecycle.Busy(o, T0.plusSeconds(s))),
                Arbitraries.just(new InstanceLifecycle.Destroyed()));
        Arbitrary<InstanceSnapshot> instance = Combinators.combine(
                        Arbitraries.of(HOSTS),
                        Arbitraries.of(Runtime.class),
                        Arbitraries.of("sha-a", "sha-b"),
                        lifecycle)
                .as((h, r, sha, l) -> new InstanceSnapshot("pending", h, r, sha, l));
        Arbitrary<List<InstanceSnapshot>> instances =
                instance.list().ofMaxSize(8).map(PlacementTest::numbered);
        return Combinators.combine(hosts, instances).as(PoolSnapshot::new);
    }

    private static List<InstanceSnapshot> numbered(List<InstanceSnapshot> instances) {
        List<InstanceSnapshot> numbered = new ArrayList<>();
        for (int n = 0; n < instances.size(); n++) {
            InstanceSnapshot i = instances.get(n);
            numbered.add(new InstanceSnapshot("i" + n, i.hostId(), i.runtime(), i.codeSha256(), i.lifecycle()));
        }
        return numbered;
    }
}
