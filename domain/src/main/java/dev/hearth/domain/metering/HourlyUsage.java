package dev.hearth.domain.metering;

import java.time.Instant;

/**
 * One user's use of one function in one hour (UTC, {@code hour} its start): the invocations they
 * started in it, how many of them did not end in success, and memory times duration in
 * megabyte-milliseconds, kept exact; {@link #gbSeconds()} is the billing unit.
 */
public record HourlyUsage(
        Instant hour, String user, String function, long invocations, long errors, long megabyteMillis) {

    private static final double MEGABYTE_MILLIS_PER_GB_SECOND = 1024.0 * 1000.0;

    public double gbSeconds() {
        return megabyteMillis / MEGABYTE_MILLIS_PER_GB_SECOND;
    }
}
