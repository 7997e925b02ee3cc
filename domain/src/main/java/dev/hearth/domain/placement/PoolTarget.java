package dev.hearth.domain.placement;

import dev.hearth.domain.function.Runtime;
import java.util.Objects;

/**
 * What an admin wants of the warming pool of one runtime: {@code warmingTarget} unassigned
 * instances across all hosts, at most {@code maxPerHost} of them on any one host.
 */
public record PoolTarget(Runtime runtime, int warmingTarget, int maxPerHost) {

    public PoolTarget {
        Objects.requireNonNull(runtime, "runtime");
        if (warmingTarget < 0 || maxPerHost < 0) {
            throw new IllegalArgumentException("warmingTarget and maxPerHost must not be negative");
        }
    }
}
