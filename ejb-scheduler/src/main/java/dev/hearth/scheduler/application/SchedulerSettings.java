package dev.hearth.scheduler.application;

import java.time.Duration;

/**
 * The scheduler's fleet-wide settings: how long an idle active instance is kept warm for its
 * owner, how many invocations of one function and of one user run at once, and how long an
 * invocation waits for a free slot before it is refused (429).
 */
public record SchedulerSettings(
        Duration keepAlive, int maxConcurrentPerFunction, int maxConcurrentPerUser, Duration queueWait) {

    /** Keep-alive as long as a typical think time; limits as one 16-slot host holds. */
    public static final SchedulerSettings DEFAULT =
            new SchedulerSettings(Duration.ofMinutes(5), 16, 32, Duration.ofSeconds(2));

    public SchedulerSettings {
        if (keepAlive.isNegative() || queueWait.isNegative() || queueWait.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidSettingsException("keep-alive must not be negative; the queue wait lies in 0..60 s");
        }
        if (maxConcurrentPerFunction < 1 || maxConcurrentPerUser < 1) {
            throw new InvalidSettingsException("concurrency limits must be at least 1");
        }
    }
}
