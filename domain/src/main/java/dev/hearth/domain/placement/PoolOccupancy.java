package dev.hearth.domain.placement;

/**
 * What a member's instances are doing at one moment: booting (for the warming pool or for an
 * owner), warming (in the warming pool, nobody's), idle (an owner's, waiting) and busy (running an
 * invocation).
 */
public record PoolOccupancy(int booting, int warming, int idle, int busy) {

    /** The live instances of the snapshot, counted by what they are doing. */
    public static PoolOccupancy of(PoolSnapshot snapshot) {
        int booting = 0;
        int warming = 0;
        int idle = 0;
        int busy = 0;
        for (InstanceSnapshot instance : snapshot.instances()) {
            InstanceLifecycle lifecycle = instance.lifecycle();
            if (lifecycle instanceof InstanceLifecycle.Booting) {
                booting++;
            } else if (lifecycle instanceof InstanceLifecycle.Warming) {
                warming++;
            } else if (lifecycle instanceof InstanceLifecycle.Assigned) {
                idle++;
            } else if (lifecycle instanceof InstanceLifecycle.Busy) {
                busy++;
            }
        }
        return new PoolOccupancy(booting, warming, idle, busy);
    }
}
