package dev.hearth.domain.metering;

import java.time.Instant;

/**
 * What metering needs of one activation record: when it started, who called which function, how
 * it ended, how long it ran and the memory it ran with (megabytes, after any policy override; 0
 * for a record written before the memory was recorded).
 */
public record MeteredInvocation(
        Instant startedAt, String user, String function, String status, long durationMillis, int memoryMb) {

    /** The status of an invocation that ended well; every other one counts as an error. */
    public static final String SUCCESS = "success";

    public boolean failed() {
        return !SUCCESS.equals(status);
    }

    /** Memory times duration, the measure GB-seconds are counted in, without rounding. */
    public long megabyteMillis() {
        return Math.multiplyExact((long) memoryMb, durationMillis);
    }
}
