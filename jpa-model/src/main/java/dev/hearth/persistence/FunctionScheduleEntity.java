package dev.hearth.persistence;

import dev.hearth.domain.rules.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A schedule of a function: a cron expression in a time zone and the event each run gets. It
 * belongs to the function's identity ({@code functionId}) and lapses with it. The table is the
 * source of truth for the timers that fire it. {@code revision} counts its changes; {@code since}
 * (when it was set) and {@code lastSlot} (the run time last claimed) decide which run times a
 * firing may claim: {@link #CLAIM} moves {@code lastSlot} forward only, so one firing wins each slot.
 * Times are epoch milliseconds, compared in the database.
 */
@Entity
@Table(
        name = "hearth_function_schedule",
        uniqueConstraints = @UniqueConstraint(columnNames = {"function_id", "schedule_name"}))
@NamedQuery(
        name = FunctionScheduleEntity.BY_FUNCTION,
        query = "SELECT s FROM FunctionScheduleEntity s WHERE s.functionId = :functionId ORDER BY s.scheduleName")
@NamedQuery(name = FunctionScheduleEntity.ALL, query = "SELECT s FROM FunctionScheduleEntity s")
@NamedQuery(
        name = FunctionScheduleEntity.REMOVE_OF_FUNCTION,
        query = "DELETE FROM FunctionScheduleEntity s WHERE s.functionId = :functionId")
@NamedQuery(
        name = FunctionScheduleEntity.CLAIM,
        query = "UPDATE FunctionScheduleEntity s SET s.lastSlotMillis = :slot WHERE s.id = :id"
                + " AND s.revision = :revision AND (s.lastSlotMillis IS NULL OR s.lastSlotMillis < :slot)")
public class FunctionScheduleEntity {

    public static final String BY_FUNCTION = "FunctionScheduleEntity.byFunction";
    public static final String ALL = "FunctionScheduleEntity.all";
    public static final String REMOVE_OF_FUNCTION = "FunctionScheduleEntity.removeOfFunction";
    /** Parameters id, revision, slot (epoch millis); updates one row when the slot is the claimer's. */
    public static final String CLAIM = "FunctionScheduleEntity.claim";

    @Id
    @Column(name = "schedule_id", length = 36)
    private String id;

    @Column(name = "function_id", nullable = false, length = 36)
    private String functionId;

    @Column(name = "function_name", nullable = false, length = Limits.MAX_FUNCTION_NAME_CHARS)
    private String functionName;

    @Column(name = "owner_name", nullable = false, length = 255)
    private String owner;

    @Column(name = "schedule_name", nullable = false, length = Limits.MAX_SCHEDULE_NAME_CHARS)
    private String scheduleName;

    @Column(name = "cron", nullable = false, length = Limits.MAX_CRON_CHARS)
    private String cron;

    @Column(name = "zone_id", nullable = false, length = 64)
    private String timezone;

    @Lob
    @Column(name = "event_json", nullable = false)
    private String event;

    @Column(name = "revision", nullable = false)
    private int revision;

    @Column(name = "since_millis", nullable = false)
    private long sinceMillis;

    @Column(name = "last_slot_millis")
    private Long lastSlotMillis;

    @Column(name = "updated_by", nullable = false, length = 255)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected FunctionScheduleEntity() {}

    public FunctionScheduleEntity(
            String id, String functionId, String functionName, String owner, String scheduleName) {
        this.id = id;
        this.functionId = functionId;
        this.functionName = functionName;
        this.owner = owner;
        this.scheduleName = scheduleName;
    }

    /** Takes a new expression, zone and event, one revision up: run times before {@code at} never run. */
    public void set(String cron, String timezone, String event, String by, OffsetDateTime at) {
        this.cron = cron;
        this.timezone = timezone;
        this.event = event;
        this.revision++;
        this.sinceMillis = at.toInstant().toEpochMilli();
        this.lastSlotMillis = null;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    public String id() {
        return id;
    }

    public String functionId() {
        return functionId;
    }

    public String functionName() {
        return functionName;
    }

    public String owner() {
        return owner;
    }

    public String scheduleName() {
        return scheduleName;
    }

    public String cron() {
        return cron;
    }

    public String timezone() {
        return timezone;
    }

    public String event() {
        return event;
    }

    public int revision() {
        return revision;
    }

    public Instant since() {
        return Instant.ofEpochMilli(sinceMillis);
    }

    public Optional<Instant> lastSlot() {
        return Optional.ofNullable(lastSlotMillis).map(Instant::ofEpochMilli);
    }

    public String updatedBy() {
        return updatedBy;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
