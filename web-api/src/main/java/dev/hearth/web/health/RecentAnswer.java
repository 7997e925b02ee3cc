package dev.hearth.web.health;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A readiness check that answers from its last run for a short while. {@code /health/ready}
 * answers anyone without a token, and a check calls every host agent or the realm: without this,
 * each request would make Hearth call them again, and a caller could make Hearth flood them.
 * Requests that find the answer stale wait for one run, not one run each.
 */
final class RecentAnswer implements HealthCheck {

    /** How long an answer is served again: short enough for a balancer's health check to follow. */
    static final Duration FRESH_FOR = Duration.ofSeconds(2);

    private final HealthCheck check;
    private final LongSupplier nanoTime;
    private HealthCheckResponse last;
    private long takenAt;

    RecentAnswer(HealthCheck check) {
        this(check, System::nanoTime);
    }

    RecentAnswer(HealthCheck check, LongSupplier nanoTime) {
        this.check = check;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        long now = nanoTime.getAsLong();
        if (last == null || now - takenAt >= FRESH_FOR.toNanos()) {
            last = check.call();
            takenAt = now;
        }
        return last;
    }
}
