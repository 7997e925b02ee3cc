package dev.hearth.domain.placement;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides which instance serves an invocation, cheapest first: the owner's idle instance that
 * already runs the code (warm), else an unassigned warming-pool instance of the runtime, else a
 * new instance on the healthy host with the most free slots (cold; on a full host, after
 * destroying the idle instance that waited longest), else nothing. An instance is never offered
 * to anyone but its owner.
 */
public final class Placement {

    private Placement() {}

    public static PlacementDecision select(PlacementRequest request, PoolSnapshot pool) {
        Optional<InstanceSnapshot> warm = pool.instances().stream()
                .filter(i -> i.isIdleFor(request.owner())
                        && i.runtime() == request.runtime()
                        && request.codeSha256().equals(i.codeSha256())
                        && pool.isHealthy(i.hostId()))
                .max(Comparator.comparing((InstanceSnapshot i) -> lastUsed(i))
                        .thenComparing(InstanceSnapshot::instanceId));
        if (warm.isPresent()) {
            return new PlacementDecision.Warm(warm.get());
        }

        Optional<InstanceSnapshot> pooled = pool.instances().stream()
                .filter(i -> i.lifecycle() instanceof InstanceLifecycle.Warming
                        && i.runtime() == request.runtime()
                        && pool.isHealthy(i.hostId()))
                .min(Comparator.comparing(InstanceSnapshot::instanceId));
        if (pooled.isPresent()) {
            return new PlacementDecision.WarmingPoolHit(pooled.get());
        }

        List<HostSnapshot> candidates = pool.hosts().stream()
                .filter(h -> h.healthy() && h.offers(request.runtime()))
                .toList();
        if (candidates.isEmpty()) {
            return new PlacementDecision.Reject(
                    pool.hosts().stream().anyMatch(HostSnapshot::healthy)
                            ? "no healthy host offers runtime "
                                    + request.runtime().id()
                            : "no healthy host");
        }

        Optional<HostSnapshot> roomiest = candidates.stream()
                .filter(h -> pool.freeSlots(h) > 0)
                .max(Comparator.comparingInt(pool::freeSlots)
                        .thenComparing(HostSnapshot::hostId, Comparator.reverseOrder()));
        if (roomiest.isPresent()) {
            return new PlacementDecision.Cold(roomiest.get().hostId());
        }

        List<String> candidateIds =
                candidates.stream().map(HostSnapshot::hostId).toList();
        Optional<InstanceSnapshot> longestIdle = pool.instances().stream()
                .filter(i -> i.lifecycle() instanceof InstanceLifecycle.Assigned && candidateIds.contains(i.hostId()))
                .min(Comparator.comparing((InstanceSnapshot i) -> lastUsed(i))
                        .thenComparing(InstanceSnapshot::instanceId));
        if (longestIdle.isPresent()) {
            return new PlacementDecision.Cold(longestIdle.get().hostId(), longestIdle);
        }
        return new PlacementDecision.Reject(
                "every host offering runtime " + request.runtime().id() + " is full of busy or booting instances");
    }

    private static Instant lastUsed(InstanceSnapshot instance) {
        return ((InstanceLifecycle.Assigned) instance.lifecycle()).lastUsed();
    }
}
