package dev.hearth.domain.metering;

import java.time.Instant;
import java.util.Objects;

/**
 * What one member's instances were doing when it looked at {@code sampledAt}: booting, warming (in
 * the warming pool), idle and busy.
 */
public record OccupancySample(Instant sampledAt, String member, int booting, int warming, int idle, int busy) {

    public OccupancySample {
        Objects.requireNonNull(sampledAt, "sampledAt");
        Objects.requireNonNull(member, "member");
    }
}
