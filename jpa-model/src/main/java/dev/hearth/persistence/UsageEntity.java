package dev.hearth.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.OffsetDateTime;

/**
 * One user's use of one function in one hour (UTC): invocations, those that did not succeed, and
 * memory times duration in megabyte-milliseconds. Recomputing an hour replaces its rows; the
 * unique key makes two recomputations at once fail one of them rather than count twice.
 */
@Entity
@Table(
        name = "hearth_usage",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "uq_usage_hour_user_function",
                        columnNames = {"hour_start", "user_name", "function_name"}),
        indexes = @Index(name = "ix_usage_user_hour", columnList = "user_name, hour_start"))
public class UsageEntity {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "hour_start", nullable = false)
    private OffsetDateTime hour;

    @Column(name = "user_name", nullable = false, length = 255)
    private String user;

    @Column(name = "function_name", nullable = false, length = 255)
    private String function;

    @Column(name = "invocations", nullable = false)
    private long invocations;

    @Column(name = "errors", nullable = false)
    private long errors;

    @Column(name = "megabyte_ms", nullable = false)
    private long megabyteMillis;

    protected UsageEntity() {}

    public UsageEntity(
            String id,
            OffsetDateTime hour,
            String user,
            String function,
            long invocations,
            long errors,
            long megabyteMillis) {
        this.id = id;
        this.hour = hour;
        this.user = user;
        this.function = function;
        this.invocations = invocations;
        this.errors = errors;
        this.megabyteMillis = megabyteMillis;
    }

    public OffsetDateTime hour() {
        return hour;
    }

    public String user() {
        return user;
    }

    public String function() {
        return function;
    }

    public long invocations() {
        return invocations;
    }

    public long errors() {
        return errors;
    }

    public long megabyteMillis() {
        return megabyteMillis;
    }
}
