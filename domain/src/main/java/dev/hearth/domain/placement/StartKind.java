package dev.hearth.domain.placement;

/** Where an invocation's instance came from, cheapest last. */
public enum StartKind {
    /** A new instance was booted for the owner. */
    COLD("cold"),
    /** An unassigned instance from the warming pool was claimed for the owner. */
    WARMING_POOL("warming-pool"),
    /** An idle instance of the owner, already running this code, was reused. */
    WARM("warm");

    private final String id;

    StartKind(String id) {
        this.id = id;
    }

    /** The name used in the API and in activation records. */
    public String id() {
        return id;
    }
}
