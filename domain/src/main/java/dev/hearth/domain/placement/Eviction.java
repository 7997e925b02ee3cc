package dev.hearth.domain.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which idle active instances to destroy: those idle for {@code keepAlive} or longer,
 * every idle one on a draining host, and, under memory pressure, more idle ones, least recently
 * used first, until {@code memoryPressure} instances in all are freed. Only idle assigned
 * instances on healthy hosts are ever chosen: a busy one is serving, a warming-pool one is
 * {@link Refill}'s to retire, and an unreachable host's are forgotten already. A destroyed
 * instance never returns to the warming pool.
 */
public final class Eviction {

    private Eviction() {}

    /**
     * @param memoryPressure how many instance slots the fleet needs freed now (0: none)
     * @return the instances to destroy, least recently used first
     */
    public static List<InstanceSnapshot> plan(PoolSnapshot pool, Duration keepAlive, Instant now, int memoryPressure) {
        List<InstanceSnapshot> idle = pool.instances().stream()
                .filter(i -> i.idleSince().isPresent()
                        && pool.host(i.hostId()).map(HostSnapshot::healthy).orElse(false))
                .sorted(Comparator.comparing(
                                (InstanceSnapshot i) -> i.idleSince().orElseThrow())
                        .thenComparing(InstanceSnapshot::instanceId))
                .toList();
        List<InstanceSnapshot> evict = new ArrayList<>();
        for (InstanceSnapshot i : idle) {
            boolean expired = !i.idleSince().orElseThrow().plus(keepAlive).isAfter(now);
            boolean draining = !pool.isPlaceable(i.hostId());
            if (expired || draining || evict.size() < memoryPressure) {
                evict.add(i);
            }
        }
        return evict;
    }
}
