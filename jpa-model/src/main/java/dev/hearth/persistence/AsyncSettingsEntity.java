package dev.hearth.persistence;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A function's own async retry settings; a function without a row has the defaults. */
@Entity
@Cacheable(false)
@Table(name = "hearth_async_settings")
public class AsyncSettingsEntity {

    @Id
    @Column(name = "function_id", length = 36)
    private String functionId;

    @Column(name = "max_retries", nullable = false)
    private int maxRetries;

    @Column(name = "max_event_age_seconds", nullable = false)
    private long maxEventAgeSeconds;

    protected AsyncSettingsEntity() {}

    public AsyncSettingsEntity(String functionId, int maxRetries, long maxEventAgeSeconds) {
        this.functionId = functionId;
        this.maxRetries = maxRetries;
        this.maxEventAgeSeconds = maxEventAgeSeconds;
    }

    public String functionId() {
        return functionId;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public long maxEventAgeSeconds() {
        return maxEventAgeSeconds;
    }
}
