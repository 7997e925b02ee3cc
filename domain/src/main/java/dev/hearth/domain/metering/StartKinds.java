package dev.hearth.domain.metering;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * How a runtime's invocations found their instance, counted by start kind (the ids of {@code
 * dev.hearth.domain.placement.StartKind}): a new one booted ({@code cold}), one claimed from the
 * warming pool, an owner's idle one whose containers started anew ({@code reloaded}), or one as it
 * was ({@code warm}).
 */
public record StartKinds(long cold, long warmingPool, long reloaded, long warm) {

    /** From counts by start kind id; other ids are left out. */
    public static StartKinds of(Map<String, Long> byKind) {
        return new StartKinds(
                byKind.getOrDefault("cold", 0L),
                byKind.getOrDefault("warming-pool", 0L),
                byKind.getOrDefault("reloaded", 0L),
                byKind.getOrDefault("warm", 0L));
    }

    public long invocations() {
        return cold + warmingPool + reloaded + warm;
    }

    /**
     * The warming pool's hit rate, 0 to 1: the share of the invocations that needed a new instance
     * (warming pool or cold) that the pool served; empty when none needed one.
     */
    public OptionalDouble poolHitRate() {
        long needed = warmingPool + cold;
        return needed == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) warmingPool / needed);
    }

    /** The share of the invocations that found an instance warm, 0 to 1; empty without invocations. */
    public OptionalDouble warmShare() {
        return invocations() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) warm / invocations());
    }
}
