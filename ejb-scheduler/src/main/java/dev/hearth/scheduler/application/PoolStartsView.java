package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.StartKinds;
import java.util.OptionalDouble;

/**
 * How a runtime's invocations of a recent window found their instance: counts per start kind, the
 * warming pool's hit rate (its share of the starts that needed a new instance, 0 to 1) and the
 * share that found one warm; each rate empty without starts to count.
 */
public record PoolStartsView(
        String runtime,
        long cold,
        long warmingPool,
        long reloaded,
        long warm,
        long invocations,
        OptionalDouble poolHitRate,
        OptionalDouble warmShare) {

    static PoolStartsView of(String runtime, StartKinds kinds) {
        return new PoolStartsView(
                runtime,
                kinds.cold(),
                kinds.warmingPool(),
                kinds.reloaded(),
                kinds.warm(),
                kinds.invocations(),
                kinds.poolHitRate(),
                kinds.warmShare());
    }
}
