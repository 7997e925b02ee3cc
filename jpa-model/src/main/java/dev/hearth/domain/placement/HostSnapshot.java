package dev.hearth.domain.placement;

import dev.hearth.domain.function.Runtime;
import java.util.Set;

/**
 * A host agent as the scheduler knows it: whether it answered lately, how many instances it can
 * hold at once and which runtimes it can boot.
 */
public record HostSnapshot(String hostId, boolean healthy, int instanceCapacity, Set<Runtime> runtimes) {

    public HostSnapshot {
        runtimes = Set.copyOf(runtimes);
    }

    public boolean offers(Runtime runtime) {
        return runtimes.contains(runtime);
    }

    public HostSnapshot withHealthy(boolean nowHealthy) {
        return new HostSnapshot(hostId, nowHealthy, instanceCapacity, runtimes);
    }
}
