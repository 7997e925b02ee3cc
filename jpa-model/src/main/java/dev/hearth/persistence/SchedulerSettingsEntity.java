package dev.hearth.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The scheduler's fleet-wide settings, one row ({@link #ID}): how long an idle active instance is
 * kept, how many invocations of one function and of one user may run at once, and how long an
 * invocation waits for a free slot before it is refused.
 */
@Entity
@Table(name = "hearth_scheduler_settings")
public class SchedulerSettingsEntity {

    public static final String ID = "fleet";

    @Id
    @Column(name = "id", length = 16)
    private String id;

    @Column(name = "keep_alive_seconds", nullable = false)
    private long keepAliveSeconds;

    @Column(name = "max_concurrent_per_function", nullable = false)
    private int maxConcurrentPerFunction;

    @Column(name = "max_concurrent_per_user", nullable = false)
    private int maxConcurrentPerUser;

    @Column(name = "queue_wait_millis", nullable = false)
    private long queueWaitMillis;

    protected SchedulerSettingsEntity() {}

    public SchedulerSettingsEntity(
            long keepAliveSeconds, int maxConcurrentPerFunction, int maxConcurrentPerUser, long queueWaitMillis) {
        this.id = ID;
        change(keepAliveSeconds, maxConcurrentPerFunction, maxConcurrentPerUser, queueWaitMillis);
    }

    public final void change(
            long newKeepAliveSeconds,
            int newMaxConcurrentPerFunction,
            int newMaxConcurrentPerUser,
            long newQueueWaitMillis) {
        this.keepAliveSeconds = newKeepAliveSeconds;
        this.maxConcurrentPerFunction = newMaxConcurrentPerFunction;
        this.maxConcurrentPerUser = newMaxConcurrentPerUser;
        this.queueWaitMillis = newQueueWaitMillis;
    }

    public long keepAliveSeconds() {
        return keepAliveSeconds;
    }

    public int maxConcurrentPerFunction() {
        return maxConcurrentPerFunction;
    }

    public int maxConcurrentPerUser() {
        return maxConcurrentPerUser;
    }

    public long queueWaitMillis() {
        return queueWaitMillis;
    }
}
