package dev.hearth.domain.placement;

import java.util.Optional;

/** Where an invocation runs, as {@link Placement#select} decides it. */
public sealed interface PlacementDecision {

    /** Reuse the owner's idle instance that already runs the code. */
    record Warm(InstanceSnapshot instance) implements PlacementDecision {}

    /** Claim an unassigned warming-pool instance of the runtime for the owner. */
    record WarmingPoolHit(InstanceSnapshot instance) implements PlacementDecision {}

    /**
     * Boot a new instance on {@code hostId}; when the host is full, first destroy {@code evict}:
     * the idle instance that waited longest, or else a warming-pool instance of another runtime.
     */
    record Cold(String hostId, Optional<InstanceSnapshot> evict) implements PlacementDecision {

        public Cold(String hostId) {
            this(hostId, Optional.empty());
        }
    }

    /** Nothing can serve the invocation now; {@code cause} says whether waiting may help. */
    record Reject(Cause cause, String reason) implements PlacementDecision {

        public enum Cause {
            /** No host answers, or none takes work. */
            NO_HOST,
            /** No placeable host offers the runtime with the isolation: waiting does not help. */
            RUNTIME_NOT_OFFERED,
            /** Every slot is taken by a busy or booting instance: one will be free soon. */
            ALL_BUSY
        }
    }
}
