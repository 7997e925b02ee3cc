package dev.hearth.domain.placement;

/** Where an invocation's instance and containers came from, cheapest last. */
public enum StartKind {
    /** A new instance was booted for the owner. */
    COLD("cold"),
    /** An unassigned instance from the warming pool was claimed for the owner. */
    WARMING_POOL("warming-pool"),
    /**
     * An idle instance of the owner that ran the function was reused, but its containers had to
     * start anew: this invocation narrowed the policy's limits, or a secret changed.
     */
    RELOADED("reloaded"),
    /** An idle instance of the owner was reused with the function's containers as they were. */
    WARM("warm");

    private final String id;

    StartKind(String id) {
        this.id = id;
    }

    /**
     * What an invocation placed by {@code decision} was, once the host agent has said whether it
     * had to start the function's containers.
     */
    public static StartKind of(PlacementDecision decision, boolean containersCreated) {
        if (decision instanceof PlacementDecision.Cold) {
            return COLD;
        }
        if (decision instanceof PlacementDecision.WarmingPoolHit) {
            return WARMING_POOL;
        }
        return containersCreated ? RELOADED : WARM;
    }

    /** The name used in the API and in activation records. */
    public String id() {
        return id;
    }
}
