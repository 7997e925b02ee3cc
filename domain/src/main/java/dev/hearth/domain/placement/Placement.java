package dev.hearth.domain.placement;

import dev.hearth.domain.placement.PlacementDecision.Reject.Cause;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which instance serves an invocation, cheapest first: the owner's idle instance whose
 * containers were started for the function and its code (warm; not an instance of another of the
 * owner's functions, even with the same code: its containers are the other function's), else an unassigned warming-pool instance of the runtime and
 * isolation on the
 * roomiest host (warming-pool hit), else a new instance on the placeable host with the most free
 * slots (cold; on a full host, after destroying the idle instance that waited longest, or else a
 * warming-pool instance of another runtime), else nothing. Only healthy hosts that are not
 * draining take work. An instance is never offered to anyone but its owner.
 */
public final class Placement {

    private Placement() {}

    public static PlacementDecision select(PlacementRequest request, PoolSnapshot pool) {
        Optional<InstanceSnapshot> warm = pool.instances().stream()
                .filter(i -> i.isIdleFor(request.owner())
                        && i.isA(request.runtime(), request.isolation())
                        && i.runs(request)
                        && pool.isPlaceable(i.hostId()))
                .max(Comparator.comparing((InstanceSnapshot i) -> lastUsed(i))
                        .thenComparing(InstanceSnapshot::instanceId));
        if (warm.isPresent()) {
            return new PlacementDecision.Warm(warm.get());
        }

        Optional<InstanceSnapshot> pooled = pool.instances().stream()
                .filter(i -> i.lifecycle() instanceof InstanceLifecycle.Warming
                        && i.isA(request.runtime(), request.isolation())
                        && pool.isPlaceable(i.hostId()))
                .max(Comparator.comparingInt((InstanceSnapshot i) ->
                                pool.freeSlots(pool.host(i.hostId()).orElseThrow()))
                        .thenComparing(InstanceSnapshot::instanceId, Comparator.reverseOrder()));
        if (pooled.isPresent()) {
            return new PlacementDecision.WarmingPoolHit(pooled.get());
        }

        List<HostSnapshot> candidates = pool.hosts().stream()
                .filter(h -> h.placeable() && h.offers(request.runtime(), request.isolation()))
                .toList();
        if (candidates.isEmpty()) {
            return Offer.of(request.runtime(), request.isolation(), pool.hosts()) instanceof Offer.NotOffered no
                    ? new PlacementDecision.Reject(Cause.RUNTIME_NOT_OFFERED, no.reason())
                    : new PlacementDecision.Reject(Cause.NO_HOST, "no healthy host");
        }

        Optional<HostSnapshot> roomiest = candidates.stream()
                .filter(h -> pool.freeSlots(h) > 0)
                .max(Comparator.comparingInt(pool::freeSlots)
                        .thenComparing(HostSnapshot::hostId, Comparator.reverseOrder()));
        if (roomiest.isPresent()) {
            return new PlacementDecision.Cold(roomiest.get().hostId());
        }

        Set<String> candidateIds = candidates.stream().map(HostSnapshot::hostId).collect(Collectors.toSet());
        Optional<InstanceSnapshot> longestIdle = pool.instances().stream()
                .filter(i -> i.lifecycle() instanceof InstanceLifecycle.Assigned && candidateIds.contains(i.hostId()))
                .min(Comparator.comparing((InstanceSnapshot i) -> lastUsed(i))
                        .thenComparing(InstanceSnapshot::instanceId));
        Optional<InstanceSnapshot> victim = longestIdle.or(() -> pool.instances().stream()
                .filter(i -> i.lifecycle() instanceof InstanceLifecycle.Warming && candidateIds.contains(i.hostId()))
                .min(Comparator.comparing(InstanceSnapshot::instanceId)));
        if (victim.isPresent()) {
            return new PlacementDecision.Cold(victim.get().hostId(), victim);
        }
        return new PlacementDecision.Reject(
                Cause.ALL_BUSY,
                "every host offering runtime " + request.runtime().id() + " is full of busy or booting instances");
    }

    private static Instant lastUsed(InstanceSnapshot instance) {
        return instance.idleSince().orElseThrow();
    }
}
