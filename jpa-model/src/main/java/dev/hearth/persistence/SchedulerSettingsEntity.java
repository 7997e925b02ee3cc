package dev.hearth.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;

/**
 * The scheduler's fleet-wide settings, one row ({@link #ID}): how long an idle active instance is
 * kept, how many invocations of one function and of one user may run at once, and how long an
 * invocation waits for a free slot before it is refused, and the private networks functions may
 * reach (CIDR ranges, comma-separated; null or empty: none).
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

    /** Nullable: a row written before the setting existed reads as none. */
    @Column(name = "allowed_private_networks", length = 4000)
    private String allowedPrivateNetworks;

    protected SchedulerSettingsEntity() {}

    public SchedulerSettingsEntity(
            long keepAliveSeconds,
            int maxConcurrentPerFunction,
            int maxConcurrentPerUser,
            long queueWaitMillis,
            List<String> allowedPrivateNetworks) {
        this.id = ID;
        change(
                keepAliveSeconds,
                maxConcurrentPerFunction,
                maxConcurrentPerUser,
                queueWaitMillis,
                allowedPrivateNetworks);
    }

    public final void change(
            long newKeepAliveSeconds,
            int newMaxConcurrentPerFunction,
            int newMaxConcurrentPerUser,
            long newQueueWaitMillis,
            List<String> newAllowedPrivateNetworks) {
        this.keepAliveSeconds = newKeepAliveSeconds;
        this.maxConcurrentPerFunction = newMaxConcurrentPerFunction;
        this.maxConcurrentPerUser = newMaxConcurrentPerUser;
        this.queueWaitMillis = newQueueWaitMillis;
        this.allowedPrivateNetworks = String.join(",", newAllowedPrivateNetworks);
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

    public List<String> allowedPrivateNetworks() {
        return allowedPrivateNetworks == null || allowedPrivateNetworks.isBlank()
                ? List.of()
                : Arrays.asList(allowedPrivateNetworks.split(","));
    }
}
