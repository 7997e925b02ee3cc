package dev.hearth.domain.placement;

import static dev.hearth.domain.placement.PoolArbitraries.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class EvictionTest {

    @Property
    void evictsOnlyIdleAssignedInstancesOfReachableHosts(
            @ForAll("pools") PoolSnapshot pool,
            @ForAll("keepAlives") Duration keepAlive,
            @ForAll @IntRange(min = 0, max = 150) int seconds,
            @ForAll @IntRange(min = 0, max = 4) int pressure) {
        List<InstanceSnapshot> evict = Eviction.plan(pool, keepAlive, T0.plusSeconds(seconds), pressure);

        for (InstanceSnapshot i : evict) {
            assertTrue(i.lifecycle() instanceof InstanceLifecycle.Assigned, i.toString());
            assertTrue(pool.host(i.hostId()).orElseThrow().healthy(), i.toString());
        }
        assertEquals(evict.size(), Set.copyOf(evict).size());
    }

    @Property
    void evictsEveryExpiredOrDrainedOneAndWithoutPressureNothingElse(
            @ForAll("pools") PoolSnapshot pool,
            @ForAll("keepAlives") Duration keepAlive,
            @ForAll @IntRange(min = 0, max = 150) int seconds) {
        Instant now = T0.plusSeconds(seconds);

        List<InstanceSnapshot> evict = Eviction.plan(pool, keepAlive, now, 0);

        List<InstanceSnapshot> expected = pool.instances().stream()
                .filter(i -> i.idleSince().isPresent()
                        && pool.host(i.hostId()).map(HostSnapshot::healthy).orElse(false)
                        && (!i.idleSince().get().plus(keepAlive).isAfter(now) || !pool.isPlaceable(i.hostId())))
                .toList();
        assertEquals(Set.copyOf(expected), Set.copyOf(evict));
    }

    @Property
    void underPressureFreesLeastRecentlyUsedFirst(
            @ForAll("pools") PoolSnapshot pool,
            @ForAll("keepAlives") Duration keepAlive,
            @ForAll @IntRange(min = 0, max = 150) int seconds,
            @ForAll @IntRange(min = 0, max = 8) int pressure) {
        List<InstanceSnapshot> evict = Eviction.plan(pool, keepAlive, T0.plusSeconds(seconds), pressure);

        long idleReachable = pool.instances().stream()
                .filter(i -> i.idleSince().isPresent()
                        && pool.host(i.hostId()).map(HostSnapshot::healthy).orElse(false))
                .count();
        assertTrue(evict.size() >= Math.min(pressure, idleReachable));
        for (int n = 1; n < evict.size(); n++) {
            assertTrue(!evict.get(n)
                    .idleSince()
                    .get()
                    .isBefore(evict.get(n - 1).idleSince().get()));
        }
        List<InstanceSnapshot> spared = pool.instances().stream()
                .filter(i -> i.idleSince().isPresent() && pool.isPlaceable(i.hostId()) && !evict.contains(i))
                .toList();
        if (evict.size() > 0 && !spared.isEmpty() && pressure > 0) {
            Instant newestEvictedByPressure =
                    evict.get(Math.min(pressure, evict.size()) - 1).idleSince().get();
            spared.forEach(s -> assertTrue(!s.idleSince().get().isBefore(newestEvictedByPressure), s.toString()));
        }
    }

    @Example
    void keepsTheRecentlyUsedAndReapsTheRest() {
        HostSnapshot host = new HostSnapshot("h", 4, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
        InstanceSnapshot old = new InstanceSnapshot(
                "old", "h", Runtime.PYTHON3, Isolation.SANDBOX, "f", "a", new InstanceLifecycle.Assigned("alice", T0));
        InstanceSnapshot recent = new InstanceSnapshot(
                "new",
                "h",
                Runtime.PYTHON3,
                Isolation.SANDBOX,
                "f",
                "a",
                new InstanceLifecycle.Assigned("bob", T0.plusSeconds(50)));
        InstanceSnapshot busy = new InstanceSnapshot(
                "busy", "h", Runtime.PYTHON3, Isolation.SANDBOX, "f", "a", new InstanceLifecycle.Busy("carol", T0));
        PoolSnapshot pool = new PoolSnapshot(List.of(host), List.of(recent, busy, old));

        assertEquals(List.of(old), Eviction.plan(pool, Duration.ofSeconds(30), T0.plusSeconds(60), 0));
        assertEquals(List.of(old, recent), Eviction.plan(pool, Duration.ofSeconds(30), T0.plusSeconds(60), 2));
    }

    @Provide
    Arbitrary<PoolSnapshot> pools() {
        return PoolArbitraries.pools();
    }

    @Provide
    Arbitrary<Duration> keepAlives() {
        return Arbitraries.integers().between(0, 120).map(Duration::ofSeconds);
    }
}
