package dev.hearth.domain.placement;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import java.util.Set;

/**
 * A host agent as the scheduler knows it: whether it answered lately, whether an admin is
 * draining it, how many instances it can hold at once (in a member's pool: how many of them
 * are that member's share, ADR 26), which runtimes it can boot and with which isolation. Only a
 * healthy host that is not draining takes new work ({@link #placeable()}).
 */
public record HostSnapshot(
        String hostId,
        boolean healthy,
        boolean draining,
        int instanceCapacity,
        Set<Runtime> runtimes,
        Set<Isolation> isolations) {

    public HostSnapshot {
        runtimes = Set.copyOf(runtimes);
        isolations = Set.copyOf(isolations);
    }

    /** A healthy host, not draining, as an agent describes itself. */
    public HostSnapshot(String hostId, int instanceCapacity, Set<Runtime> runtimes, Set<Isolation> isolations) {
        this(hostId, true, false, instanceCapacity, runtimes, isolations);
    }

    public boolean offers(Runtime runtime) {
        return runtimes.contains(runtime);
    }

    /** Whether it can boot instances of {@code runtime} with {@code isolation}. */
    public boolean offers(Runtime runtime, Isolation isolation) {
        return runtimes.contains(runtime) && isolations.contains(isolation);
    }

    /** Whether placement may run anything on it: it answers and is not being drained. */
    public boolean placeable() {
        return healthy && !draining;
    }

    public HostSnapshot withHealthy(boolean nowHealthy) {
        return new HostSnapshot(hostId, nowHealthy, draining, instanceCapacity, runtimes, isolations);
    }

    public HostSnapshot withDraining(boolean nowDraining) {
        return new HostSnapshot(hostId, healthy, nowDraining, instanceCapacity, runtimes, isolations);
    }

    public HostSnapshot withInstanceCapacity(int slots) {
        return new HostSnapshot(hostId, healthy, draining, slots, runtimes, isolations);
    }
}
