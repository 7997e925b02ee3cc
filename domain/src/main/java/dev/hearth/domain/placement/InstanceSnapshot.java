package dev.hearth.domain.placement;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An instance as the scheduler knows it at one moment. {@code functionId} and {@code codeSha256}
 * are the function and code package its containers were started for, {@code null} while it runs
 * none (booting, warming pool).
 */
public record InstanceSnapshot(
        String instanceId,
        String hostId,
        Runtime runtime,
        Isolation isolation,
        String functionId,
        String codeSha256,
        InstanceLifecycle lifecycle) {

    public InstanceSnapshot {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(lifecycle, "lifecycle");
    }

    public Optional<String> owner() {
        return lifecycle.owner();
    }

    /** Of {@code runtime} and {@code isolation}. */
    public boolean isA(Runtime wantedRuntime, Isolation wantedIsolation) {
        return runtime == wantedRuntime && isolation == wantedIsolation;
    }

    /** Idle and assigned to {@code owner}. */
    public boolean isIdleFor(String owner) {
        return lifecycle instanceof InstanceLifecycle.Assigned a
                && a.ownerName().equals(owner);
    }

    /** Idle, assigned to someone, since when. */
    public Optional<Instant> idleSince() {
        return lifecycle instanceof InstanceLifecycle.Assigned a ? Optional.of(a.lastUsed()) : Optional.empty();
    }

    /** In the warming pool, or booting to join it: what counts towards the pool's target size. */
    public boolean isWarmingPool() {
        return lifecycle instanceof InstanceLifecycle.Warming
                || lifecycle instanceof InstanceLifecycle.Booting b
                        && b.forOwner().isEmpty();
    }

    /** Whether it takes a slot on its host. */
    public boolean isAlive() {
        return !(lifecycle instanceof InstanceLifecycle.Destroyed);
    }

    /** Whether its containers were started for the request's function and code. */
    public boolean runs(PlacementRequest request) {
        return request.functionId().equals(functionId) && request.codeSha256().equals(codeSha256);
    }

    public InstanceSnapshot with(InstanceLifecycle next) {
        return new InstanceSnapshot(instanceId, hostId, runtime, isolation, functionId, codeSha256, next);
    }

    /** In {@code next}, its containers started for the request's function and code. */
    public InstanceSnapshot with(InstanceLifecycle next, PlacementRequest loaded) {
        return new InstanceSnapshot(
                instanceId, hostId, runtime, isolation, loaded.functionId(), loaded.codeSha256(), next);
    }
}
