package dev.hearth.domain.metering;

import java.time.Instant;

/**
 * What the console's charts need of one activation record: when it started, how it ended, how its
 * instance was found ({@code startKind}, as {@code dev.hearth.domain.placement.StartKind#id}) and
 * how long it took.
 */
public record TimedInvocation(Instant startedAt, String status, String startKind, long durationMillis) {

    public boolean failed() {
        return !MeteredInvocation.SUCCESS.equals(status);
    }
}
