package dev.hearth.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RefillTest {

    @Property
    void bootsOnlyOnPlaceableHostsWithinTheirFreeSlots(
            @ForAll("pools") PoolSnapshot pool, @ForAll("targets") List<PoolTarget> targets) {
        RefillPlan plan = Refill.plan(pool, targets);

        Map<String, Integer> bootsPerHost = new HashMap<>();
        for (RefillPlan.Boot boot : plan.boots()) {
            HostSnapshot host = pool.host(boot.hostId()).orElseThrow();
            assertTrue(host.placeable() && host.offers(boot.runtime(), Refill.POOLED), boot.toString());
            bootsPerHost.merge(boot.hostId(), 1, Integer::sum);
        }
        bootsPerHost.forEach((hostId, boots) -> {
            HostSnapshot host = pool.host(hostId).orElseThrow();
            long retired = plan.retire().stream()
                    .filter(i -> i.hostId().equals(hostId))
                    .count();
            assertTrue(boots <= pool.freeSlots(host) + retired, hostId + ": " + boots + " boots");
        });
    }

    @Property
    void neverExceedsATargetNorTheMaximumPerHost(
            @ForAll("pools") PoolSnapshot pool, @ForAll("targets") List<PoolTarget> targets) {
        RefillPlan plan = Refill.plan(pool, targets);

        for (PoolTarget target : targets) {
            Map<String, Integer> after = membersAfter(pool, plan, target.runtime());
            int bootsOfRuntime = (int) plan.boots().stream()
                    .filter(b -> b.runtime() == target.runtime())
                    .count();
            if (bootsOfRuntime > 0) {
                int total = after.values().stream().mapToInt(Integer::intValue).sum();
                assertTrue(total <= target.warmingTarget(), target + " reaches " + total);
                plan.boots().stream()
                        .filter(b -> b.runtime() == target.runtime())
                        .forEach(b -> assertTrue(after.get(b.hostId()) <= target.maxPerHost(), b.toString()));
            }
        }
    }

    @Property
    void reachesTheTargetWhenThereIsRoom(
            @ForAll("pools") PoolSnapshot pool, @ForAll("targets") List<PoolTarget> targets) {
        RefillPlan plan = Refill.plan(pool, targets);

        for (PoolTarget target : targets) {
            int total = membersAfter(pool, plan, target.runtime()).values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            if (total < target.warmingTarget()) {
                Map<String, Integer> after = membersAfter(pool, plan, target.runtime());
                Map<String, Long> bootsPerHost = new HashMap<>();
                plan.boots().forEach(b -> bootsPerHost.merge(b.hostId(), 1L, Long::sum));
                for (HostSnapshot host : pool.hosts()) {
                    if (host.placeable() && host.offers(target.runtime(), Refill.POOLED)) {
                        long retiredThere = plan.retire().stream()
                                .filter(i -> i.hostId().equals(host.hostId()))
                                .count();
                        boolean full =
                                pool.freeSlots(host) + retiredThere - bootsPerHost.getOrDefault(host.hostId(), 0L) <= 0;
                        boolean atMax = after.getOrDefault(host.hostId(), 0) >= target.maxPerHost();
                        assertTrue(full || atMax, "host " + host.hostId() + " had room for " + target);
                    }
                }
            }
        }
    }

    @Property
    void retiresOnlyIdleWarmingPoolInstancesAndOnlyWhatIsSurplus(
            @ForAll("pools") PoolSnapshot pool, @ForAll("targets") List<PoolTarget> targets) {
        RefillPlan plan = Refill.plan(pool, targets);

        for (InstanceSnapshot retired : plan.retire()) {
            assertInstanceOf(InstanceLifecycle.Warming.class, retired.lifecycle());
            HostSnapshot host = pool.host(retired.hostId()).orElseThrow();
            assertTrue(host.healthy(), "an unreachable host's instances are left alone");
        }
        assertEquals(plan.retire().size(), Set.copyOf(plan.retire()).size());
        for (Runtime runtime : Runtime.values()) {
            PoolTarget target = targets.stream()
                    .filter(t -> t.runtime() == runtime)
                    .findFirst()
                    .orElse(new PoolTarget(runtime, 0, 0));
            int total = membersAfter(pool, plan, runtime).values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            Map<String, Integer> before = membersAfter(pool, new RefillPlan(List.of(), List.of(), 0), runtime);
            boolean someHostOverItsMaximum = before.values().stream().anyMatch(n -> n > target.maxPerHost());
            boolean retiredOnPlaceableHost =
                    plan.retire().stream().anyMatch(i -> i.isA(runtime, Refill.POOLED) && pool.isPlaceable(i.hostId()));
            if (retiredOnPlaceableHost) {
                assertTrue(total >= target.warmingTarget() || someHostOverItsMaximum, runtime.id());
            }
        }
    }

    @Example
    void spreadsTheWarmingPoolOverHosts() {
        HostSnapshot a = new HostSnapshot("a", 8, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
        HostSnapshot b = new HostSnapshot("b", 8, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));

        RefillPlan plan =
                Refill.plan(new PoolSnapshot(List.of(a, b), List.of()), List.of(new PoolTarget(Runtime.PYTHON3, 4, 4)));

        assertEquals(
                List.of(
                        new RefillPlan.Boot("a", Runtime.PYTHON3),
                        new RefillPlan.Boot("b", Runtime.PYTHON3),
                        new RefillPlan.Boot("a", Runtime.PYTHON3),
                        new RefillPlan.Boot("b", Runtime.PYTHON3)),
                plan.boots());
    }

    @Example
    void runtimesShareScarceSlotsInTurn() {
        HostSnapshot host =
                new HostSnapshot("h", 2, Set.of(Runtime.PYTHON3, Runtime.NODEJS), Set.of(Isolation.SANDBOX));

        RefillPlan plan = Refill.plan(
                new PoolSnapshot(List.of(host), List.of()),
                List.of(new PoolTarget(Runtime.PYTHON3, 5, 5), new PoolTarget(Runtime.NODEJS, 5, 5)));

        assertEquals(
                List.of(new RefillPlan.Boot("h", Runtime.PYTHON3), new RefillPlan.Boot("h", Runtime.NODEJS)),
                plan.boots());
        assertEquals(8, plan.shortfall(), "4 of each runtime found no free slot");
    }

    @Example
    void aLoweredTargetRetiresTheSurplusAndBootingMembersCount() {
        HostSnapshot host = new HostSnapshot("h", 8, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
        InstanceSnapshot w1 = new InstanceSnapshot(
                "w1", "h", Runtime.PYTHON3, Isolation.SANDBOX, null, null, new InstanceLifecycle.Warming());
        InstanceSnapshot w2 = new InstanceSnapshot(
                "w2", "h", Runtime.PYTHON3, Isolation.SANDBOX, null, null, new InstanceLifecycle.Warming());
        InstanceSnapshot booting = new InstanceSnapshot(
                "b", "h", Runtime.PYTHON3, Isolation.SANDBOX, null, null, InstanceLifecycle.Booting.forPool());

        RefillPlan plan = Refill.plan(
                new PoolSnapshot(List.of(host), List.of(w1, w2, booting)),
                List.of(new PoolTarget(Runtime.PYTHON3, 1, 4)));

        assertEquals(List.of(), plan.boots());
        assertEquals(List.of(w1, w2), plan.retire());
    }

    @Example
    void aDrainingHostLosesItsWarmingPool() {
        HostSnapshot draining =
                new HostSnapshot("d", true, true, 8, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
        HostSnapshot other = new HostSnapshot("o", 8, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
        InstanceSnapshot w = new InstanceSnapshot(
                "w", "d", Runtime.PYTHON3, Isolation.SANDBOX, null, null, new InstanceLifecycle.Warming());

        RefillPlan plan = Refill.plan(
                new PoolSnapshot(List.of(draining, other), List.of(w)), List.of(new PoolTarget(Runtime.PYTHON3, 1, 1)));

        assertEquals(List.of(w), plan.retire());
        assertEquals(List.of(new RefillPlan.Boot("o", Runtime.PYTHON3)), plan.boots());
    }

    /** Warming-pool members of the runtime per placeable host once the plan is carried out. */
    @Example
    void theWarmingPoolHoldsSandboxesOnly() {
        HostSnapshot host = new HostSnapshot("h", 8, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX, Isolation.VM));
        InstanceSnapshot vm = new InstanceSnapshot(
                "vm", "h", Runtime.PYTHON3, Isolation.VM, null, null, new InstanceLifecycle.Warming());

        RefillPlan plan = Refill.plan(
                new PoolSnapshot(List.of(host), List.of(vm)), List.of(new PoolTarget(Runtime.PYTHON3, 1, 4)));

        assertEquals(List.of(new RefillPlan.Boot("h", Runtime.PYTHON3)), plan.boots(), "the VM does not count");
        assertEquals(List.of(), plan.retire(), "nor is it the pool's to retire");
    }

    private static Map<String, Integer> membersAfter(PoolSnapshot pool, RefillPlan plan, Runtime runtime) {
        Map<String, Integer> members = new HashMap<>();
        pool.instances().stream()
                .filter(i -> i.isA(runtime, Refill.POOLED)
                        && i.isWarmingPool()
                        && pool.isPlaceable(i.hostId())
                        && !plan.retire().contains(i))
                .forEach(i -> members.merge(i.hostId(), 1, Integer::sum));
        plan.boots().stream()
                .filter(b -> b.runtime() == runtime)
                .forEach(b -> members.merge(b.hostId(), 1, Integer::sum));
        return members;
    }

    @Provide
    Arbitrary<PoolSnapshot> pools() {
        return PoolArbitraries.pools();
    }

    @Provide
    Arbitrary<List<PoolTarget>> targets() {
        return Combinators.combine(
                        Arbitraries.of(Runtime.class),
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(0, 3))
                .as(PoolTarget::new)
                .list()
                .ofMaxSize(3)
                .uniqueElements(PoolTarget::runtime);
    }
}
