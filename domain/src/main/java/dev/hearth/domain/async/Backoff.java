package dev.hearth.domain.async;

import java.time.Duration;

/**
 * The wait before the next attempt: {@code base} after the first attempt, doubling after each
 * further one, never more than {@code cap}. No jitter: events are claimed by whichever worker is
 * free, so retries of many events do not line up on one member.
 */
public record Backoff(Duration base, Duration cap) {

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, not " + base + ", " + cap);
        }
    }

    /** The wait after attempt number {@code attemptsMade} (1 for the first). */
    public Duration after(int attemptsMade) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("no attempt made yet");
        }
        int doublings = Math.min(attemptsMade - 1, 30);
        Duration wait = base.multipliedBy(1L << doublings);
        return wait.compareTo(cap) > 0 ? cap : wait;
    }
}
