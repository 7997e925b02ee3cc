package dev.hearth.domain.placement;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides how many warming-pool instances to boot, of which runtime and where, so that each
 * runtime's pool reaches its {@link PoolTarget}: never past a host's free slots nor past the
 * target's maximum per host, spread over hosts (fewest of the runtime first, then most free
 * slots), one boot per runtime in turn so that runtimes share scarce slots fairly. Instances
 * still booting for the pool count as members. Surplus is retired: every warming-pool instance
 * on a draining host, those over a host's maximum, then those over the target, from the hosts
 * that hold most. What full hosts kept from booting is the plan's shortfall: the memory pressure
 * that {@link Eviction} relieves. The warming pools hold sandboxed instances: a virtual machine
 * costs hundreds of megabytes while it waits, so functions that require one are served warm or
 * booted cold.
 */
public final class Refill {

    /** The isolation of warming-pool instances. */
    public static final Isolation POOLED = Isolation.SANDBOX;

    private Refill() {}

    public static RefillPlan plan(PoolSnapshot pool, List<PoolTarget> targets) {
        Map<String, Integer> free = new HashMap<>();
        pool.hosts().stream().filter(HostSnapshot::placeable).forEach(h -> free.put(h.hostId(), pool.freeSlots(h)));
        Map<Runtime, PoolTarget> byRuntime = new HashMap<>();
        targets.forEach(t -> byRuntime.put(t.runtime(), t));

        List<InstanceSnapshot> retire = new ArrayList<>();
        Map<Runtime, Map<String, Integer>> members = new HashMap<>();
        Map<Runtime, Integer> deficit = new HashMap<>();
        for (Runtime runtime : Runtime.values()) {
            PoolTarget target = byRuntime.getOrDefault(runtime, new PoolTarget(runtime, 0, 0));
            List<InstanceSnapshot> retirable = new ArrayList<>();
            Map<String, Integer> counted = new HashMap<>();
            for (InstanceSnapshot i : pool.instances()) {
                if (!i.isA(runtime, POOLED) || !i.isWarmingPool()) {
                    continue;
                }
                Optional<HostSnapshot> host = pool.host(i.hostId());
                boolean warming = i.lifecycle() instanceof InstanceLifecycle.Warming;
                if (host.isPresent() && host.get().healthy() && host.get().draining() && warming) {
                    retire.add(i);
                } else if (pool.isPlaceable(i.hostId())) {
                    int onHost = counted.merge(i.hostId(), 1, Integer::sum);
                    if (warming && onHost > target.maxPerHost()) {
                        retire.add(i);
                        counted.merge(i.hostId(), -1, Integer::sum);
                        free.computeIfPresent(i.hostId(), (h, f) -> f + 1);
                    } else if (warming) {
                        retirable.add(i);
                    }
                }
            }
            int have = counted.values().stream().mapToInt(Integer::intValue).sum();
            retirable.sort(Comparator.comparing((InstanceSnapshot i) -> counted.get(i.hostId()))
                    .reversed()
                    .thenComparing(InstanceSnapshot::instanceId));
            for (int n = 0; n < have - target.warmingTarget() && n < retirable.size(); n++) {
                InstanceSnapshot surplus = retirable.get(n);
                retire.add(surplus);
                free.computeIfPresent(surplus.hostId(), (h, f) -> f + 1);
            }
            members.put(runtime, counted);
            deficit.put(runtime, Math.max(0, target.warmingTarget() - have));
        }

        List<RefillPlan.Boot> boots = new ArrayList<>();
        int shortfall = 0;
        boolean booted = true;
        while (booted) {
            booted = false;
            for (Runtime runtime : Runtime.values()) {
                if (deficit.get(runtime) == 0) {
                    continue;
                }
                int maxPerHost = byRuntime.get(runtime).maxPerHost();
                Map<String, Integer> counted = members.get(runtime);
                Optional<HostSnapshot> host = pool.hosts().stream()
                        .filter(h -> h.placeable()
                                && h.offers(runtime, POOLED)
                                && free.get(h.hostId()) > 0
                                && counted.getOrDefault(h.hostId(), 0) < maxPerHost)
                        .min(Comparator.comparingInt((HostSnapshot h) -> counted.getOrDefault(h.hostId(), 0))
                                .thenComparing(h -> -free.get(h.hostId()))
                                .thenComparing(HostSnapshot::hostId));
                if (host.isEmpty()) {
                    boolean hostsFull = pool.hosts().stream()
                            .anyMatch(h -> h.placeable()
                                    && h.offers(runtime, POOLED)
                                    && free.get(h.hostId()) == 0
                                    && counted.getOrDefault(h.hostId(), 0) < maxPerHost);
                    if (hostsFull) {
                        shortfall += deficit.get(runtime);
                    }
                    deficit.put(runtime, 0);
                    continue;
                }
                String hostId = host.get().hostId();
                boots.add(new RefillPlan.Boot(hostId, runtime));
                free.merge(hostId, -1, Integer::sum);
                counted.merge(hostId, 1, Integer::sum);
                deficit.merge(runtime, -1, Integer::sum);
                booted = true;
            }
        }
        return new RefillPlan(boots, retire, shortfall);
    }
}
