package dev.hearth.domain.placement;

import java.util.Optional;

/** Where an invocation runs, as {@link Placement#select} decides it. */
public sealed interface PlacementDecision {

    /** Reuse the owner's idle instance that already runs the code. */
    record Warm(InstanceSnapshot instance) implements PlacementDecision {}

    /** Claim an unassigned warming-pool instance of the runtime for the owner. */
    record WarmingPoolHit(InstanceSnapshot instance) implements PlacementDecision {}

    /**
     * Boot a new instance on {@code hostId}; when the host is full, first destroy {@code evict},
     * an idle instance that waited longest.
     */
    record Cold(String hostId, Optional<InstanceSnapshot> evict) implements PlacementDecision {

        public Cold(String hostId) {
            this(hostId, Optional.empty());
        }
    }

    /** Nothing can serve the invocation now. */
    record Reject(String reason) implements PlacementDecision {}
}
