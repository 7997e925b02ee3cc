package dev.hearth.persistence;

import dev.hearth.domain.rules.Limits;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One accepted async invocation until it succeeds or is deleted from the dead-letter store:
 * {@code queued} (due at {@code dueAt}), {@code running} (claimed by a member until {@code
 * leaseUntil}; an expired lease makes it claimable again) or {@code dead}. The caller's roles at
 * acceptance are kept to authorise the run again (ADR 30); never a token. Times are epoch
 * milliseconds, compared in the claiming UPDATE.
 */
@Entity
@Cacheable(false)
@Table(
        name = "hearth_async_event",
        indexes = {
            @Index(name = "ix_async_event_state_due", columnList = "state, due_at"),
            @Index(name = "ix_async_event_function_state", columnList = "function_id, state"),
            @Index(name = "ix_async_event_caller_state", columnList = "caller_name, state")
        })
@NamedQuery(
        name = AsyncEventEntity.CLAIM,
        query = "UPDATE AsyncEventEntity e SET e.state = '" + AsyncEventEntity.RUNNING
                + "', e.leaseUntil = :leaseUntil,"
                + " e.claimedBy = :member, e.attempts = e.attempts + 1 WHERE e.id = :id AND "
                + AsyncEventEntity.CLAIMABLE)
@NamedQuery(
        name = AsyncEventEntity.DUE_OF_CALLER,
        query = "SELECT e.id FROM AsyncEventEntity e WHERE e.caller = :caller AND " + AsyncEventEntity.CLAIMABLE
                + " ORDER BY e.dueAt")
@NamedQuery(
        name = AsyncEventEntity.WAITING_BY_CALLER,
        query = "SELECT e.caller, COUNT(e), MIN(e.dueAt) FROM AsyncEventEntity e WHERE " + AsyncEventEntity.CLAIMABLE
                + " GROUP BY e.caller")
@NamedQuery(
        name = AsyncEventEntity.RUNNING_BY_CALLER,
        query = "SELECT e.caller, COUNT(e) FROM AsyncEventEntity e WHERE e.state = '" + AsyncEventEntity.RUNNING
                + "' AND e.leaseUntil >= :now GROUP BY e.caller")
@NamedQuery(
        name = AsyncEventEntity.EVENTS_OF_CALLER,
        query = "SELECT COUNT(e) FROM AsyncEventEntity e WHERE e.caller = :caller AND (e.state <> '"
                + AsyncEventEntity.DEAD + "' OR e.functionId IN (SELECT f.functionId FROM FunctionEntity f"
                + " WHERE f.owner = :caller))")
@NamedQuery(
        name = AsyncEventEntity.REMOVE_OF_FUNCTION,
        query = "DELETE FROM AsyncEventEntity e WHERE e.functionId = :functionId")
public class AsyncEventEntity {

    public static final String CLAIM = "AsyncEventEntity.claim";
    public static final String DUE_OF_CALLER = "AsyncEventEntity.dueOfCaller";
    public static final String WAITING_BY_CALLER = "AsyncEventEntity.waitingByCaller";
    public static final String RUNNING_BY_CALLER = "AsyncEventEntity.runningByCaller";
    public static final String EVENTS_OF_CALLER = "AsyncEventEntity.eventsOfCaller";
    public static final String REMOVE_OF_FUNCTION = "AsyncEventEntity.removeOfFunction";

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DEAD = "dead";

    /** An event that may be claimed now: queued and due, or running with its lease expired. */
    static final String CLAIMABLE = "((e.state = '" + QUEUED + "' AND e.dueAt <= :now) OR (e.state = '" + RUNNING
            + "' AND e.leaseUntil < :now))";

    public static final int MAX_ERROR_CHARS = 2000;
    private static final int MAX_ACTIVATION_IDS_CHARS = 4000;

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "function_id", nullable = false, length = 36)
    private String functionId;

    @Column(name = "function_name", nullable = false, length = Limits.MAX_FUNCTION_NAME_CHARS)
    private String functionName;

    @Column(name = "caller_name", nullable = false, length = 255)
    private String caller;

    /** The caller's realm roles at acceptance, comma-separated. */
    @Column(name = "caller_roles", nullable = false, length = 4000)
    private String callerRoles;

    @Lob
    @Column(name = "event", nullable = false)
    private String event;

    @Column(name = "state", nullable = false, length = 16)
    private String state;

    /** The activation that reports the current run (the newest of {@link #activationIds}). */
    @Column(name = "activation_id", nullable = false, length = 36)
    private String activationId;

    /** Every activation of the event, oldest first, comma-separated: one per acceptance or redrive. */
    @Column(name = "activation_ids", nullable = false, length = MAX_ACTIVATION_IDS_CHARS)
    private String activationIds;

    @Column(name = "accepted_at", nullable = false)
    private long acceptedAt;

    @Column(name = "due_at", nullable = false)
    private long dueAt;

    @Column(name = "lease_until", nullable = false)
    private long leaseUntil;

    @Column(name = "claimed_by", length = 255)
    private String claimedBy;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    /** Attempts in which the function ran and failed; only these count against its retries. */
    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "last_error", length = MAX_ERROR_CHARS)
    private String lastError;

    @Column(name = "dead_at")
    private Long deadAt;

    protected AsyncEventEntity() {}

    public AsyncEventEntity(
            String id,
            String functionId,
            String functionName,
            String caller,
            Set<String> callerRoles,
            String event,
            String activationId,
            long acceptedAt) {
        this.id = id;
        this.functionId = functionId;
        this.functionName = functionName;
        this.caller = caller;
        this.callerRoles = String.join(",", new TreeSet<>(callerRoles));
        this.event = event;
        this.state = QUEUED;
        this.activationId = activationId;
        this.activationIds = activationId;
        this.acceptedAt = acceptedAt;
        this.dueAt = acceptedAt;
    }

    /** Waits for another attempt, due then. */
    public void retryAt(long due, boolean functionFailed, String error) {
        state = QUEUED;
        dueAt = due;
        claimedBy = null;
        failedAttempts += functionFailed ? 1 : 0;
        lastError = clipped(error);
    }

    /** Keeps it in the dead-letter store. */
    public void dead(long now, boolean functionFailed, String error) {
        state = DEAD;
        deadAt = now;
        claimedBy = null;
        failedAttempts += functionFailed ? 1 : 0;
        lastError = clipped(error);
    }

    /**
     * Queues a dead event again as if accepted now, reported by a new activation; its attempts
     * start from none. The oldest activation ids are dropped should the list grow too long.
     */
    public void redrive(String newActivationId, long now) {
        state = QUEUED;
        activationId = newActivationId;
        List<String> ids = new ArrayList<>(activationIds());
        ids.add(newActivationId);
        while (String.join(",", ids).length() > MAX_ACTIVATION_IDS_CHARS) {
            ids.remove(0);
        }
        activationIds = String.join(",", ids);
        acceptedAt = now;
        dueAt = now;
        attempts = 0;
        failedAttempts = 0;
        deadAt = null;
    }

    private static String clipped(String error) {
        return error == null || error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS);
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

    public String caller() {
        return caller;
    }

    public Set<String> callerRoles() {
        return callerRoles.isEmpty() ? Set.of() : Set.of(callerRoles.split(","));
    }

    public String event() {
        return event;
    }

    public String state() {
        return state;
    }

    public String activationId() {
        return activationId;
    }

    public List<String> activationIds() {
        return activationIds(activationIds);
    }

    /** The activation ids as the column {@code activation_ids} holds them. */
    public static List<String> activationIds(String stored) {
        return Arrays.asList(stored.split(","));
    }

    public long acceptedAt() {
        return acceptedAt;
    }

    public long dueAt() {
        return dueAt;
    }

    public String claimedBy() {
        return claimedBy;
    }

    public int attempts() {
        return attempts;
    }

    public int failedAttempts() {
        return failedAttempts;
    }

    public String lastError() {
        return lastError;
    }

    public Long deadAt() {
        return deadAt;
    }
}
