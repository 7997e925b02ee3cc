package dev.hearth.domain.placement;

import dev.hearth.domain.function.Runtime;
import java.util.Set;

/**
 * A host agent as the scheduler knows it: whether it answered lately, whether an admin is
 * draining it, how many instances it can hold at once and which runtimes it can boot. Only a
 * healthy host that is not draining takes new work ({@link #placeable()}).
 */
public record HostSnapshot(
        String hostId, boolean healthy, boolean draining, int instanceCapacity, Set<Runtime> runtimes) {

    public HostSnapshot {
        runtimes = Set.copyOf(runtimes);
    }

    /** A healthy host, not draining, as an agent describes itself. */
    public HostSnapshot(String hostId, int instanceCapacity, Set<Runtime> runtimes) {
        this(hostId, true, false, instanceCapacity, runtimes);
    }

    public boolean offers(Runtime runtime) {
        return runtimes.contains(runtime);
    }

    /** Whether placement may run anything on it: it answers and is not being drained. */
    public boolean placeable() {
        return healthy && !draining;
    }

    public HostSnapshot withHealthy(boolean nowHealthy) {
        return new HostSnapshot(hostId, nowHealthy, draining, instanceCapacity, runtimes);
    }

    public HostSnapshot withDraining(boolean nowDraining) {
        return new HostSnapshot(hostId, healthy, nowDraining, instanceCapacity, runtimes);
    }
}
