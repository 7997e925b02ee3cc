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
import java.time.OffsetDateTime;
import java.util.OptionalInt;

/**
 * The record of one invocation: who ran what, where, how it started and ended, and its last log
 * lines. It belongs to the function's identity ({@code functionId}); the name is kept for display.
 * Not in the shared cache: an async invocation's activation changes on whichever member runs it.
 */
@Entity
@Cacheable(false)
@Table(
        name = "hearth_activation",
        indexes = {
            @Index(name = "ix_activation_function_started", columnList = "function_name, started_at"),
            @Index(name = "ix_activation_function_id_started", columnList = "function_id, started_at"),
            // The console's overview reads the last hour's records every few seconds.
            @Index(name = "ix_activation_started", columnList = "started_at")
        })
@NamedQuery(
        name = ActivationEntity.REMOVE_OF_FUNCTION,
        query = "DELETE FROM ActivationEntity a WHERE a.functionId = :functionId")
public class ActivationEntity {

    public static final String REMOVE_OF_FUNCTION = "ActivationEntity.removeOfFunction";

    /** Longer logs keep their end: the last lines say most about how an invocation ended. */
    public static final int MAX_LOG_TAIL_CHARS = 4096;

    /**
     * A deferred run's result is kept up to this many characters (256 Ki), its beginning: lists of
     * activations and the retention job hold many records at once (docs/adr/0050).
     */
    public static final int MAX_RESULT_CHARS = 256 * 1024;

    @Id
    @Column(name = "id", length = 36)
    private String id;

    /** Null only in rows written before functions had an identity (see FunctionEntity). */
    @Column(name = "function_id", length = 36)
    private String functionId;

    @Column(name = "function_name", nullable = false, length = Limits.MAX_FUNCTION_NAME_CHARS)
    private String functionName;

    @Column(name = "owner_name", nullable = false, length = 255)
    private String owner;

    @Column(name = "caller_name", nullable = false, length = 255)
    private String caller;

    @Column(name = "instance_id", nullable = false, length = 128)
    private String instanceId;

    @Column(name = "host_id", nullable = false, length = 128)
    private String hostId;

    @Column(name = "start_kind", nullable = false, length = 16)
    private String startKind;

    @Column(name = "status", nullable = false, length = 32)
    private String status;

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;

    @Column(name = "init_ms", nullable = false)
    private long initMillis;

    @Column(name = "run_ms", nullable = false)
    private long runMillis;

    @Column(name = "duration_ms", nullable = false)
    private long durationMillis;

    @Column(name = "log_tail", length = MAX_LOG_TAIL_CHARS)
    private String logTail;

    /** What a deferred run returned, as its caller was not there to receive it; null otherwise. */
    @Lob
    @Column(name = "result")
    private String result;

    /** True when {@link #result} is the beginning of a longer result; null otherwise. */
    @Column(name = "result_truncated")
    private Boolean resultTruncated;

    /** The memory it ran with, after any policy override; null in rows written before it was recorded. */
    @Column(name = "memory_mb")
    private Integer memoryMb;

    protected ActivationEntity() {}

    /**
     * The activation of an async invocation just accepted: {@code queued}, on no instance yet, until
     * a worker runs it ({@link #status(String)}, {@link #ran}).
     */
    public static ActivationEntity queued(
            String id, String functionId, String functionName, String owner, String caller, OffsetDateTime acceptedAt) {
        return new ActivationEntity(
                id, functionId, functionName, owner, caller, "", "", "", "queued", acceptedAt, 0, 0, 0, null, null);
    }

    public ActivationEntity(
            String id,
            String functionId,
            String functionName,
            String owner,
            String caller,
            String instanceId,
            String hostId,
            String startKind,
            String status,
            OffsetDateTime startedAt,
            long initMillis,
            long runMillis,
            long durationMillis,
            String logTail,
            Integer memoryMb) {
        this.id = id;
        this.functionId = functionId;
        this.functionName = functionName;
        this.owner = owner;
        this.caller = caller;
        this.instanceId = instanceId;
        this.hostId = hostId;
        this.startKind = startKind;
        this.status = status;
        this.startedAt = startedAt;
        this.initMillis = initMillis;
        this.runMillis = runMillis;
        this.durationMillis = durationMillis;
        this.logTail = tail(logTail);
        this.memoryMb = memoryMb;
    }

    /**
     * The record as an archive keeps it: with the result a deferred run returned (null for others),
     * and whether that is only its beginning.
     */
    public ActivationEntity withResult(String archivedResult, boolean truncated) {
        result = archivedResult;
        resultTruncated = truncated ? Boolean.TRUE : null;
        return this;
    }

    /** A deferred run's progress: {@code running}, {@code queued} again for a retry, {@code failed}. */
    public void status(String newStatus) {
        status = newStatus;
    }

    /** Records an attempt of a deferred run into this activation (the last attempt's figures win). */
    public void ran(
            String newInstanceId,
            String newHostId,
            String newStartKind,
            String newStatus,
            OffsetDateTime newStartedAt,
            long newInitMillis,
            long newRunMillis,
            long newDurationMillis,
            String newLogTail,
            String newResult,
            Integer newMemoryMb) {
        instanceId = newInstanceId;
        hostId = newHostId;
        startKind = newStartKind;
        status = newStatus;
        startedAt = newStartedAt;
        initMillis = newInitMillis;
        runMillis = newRunMillis;
        durationMillis = newDurationMillis;
        logTail = tail(newLogTail);
        boolean truncated = newResult != null && newResult.length() > MAX_RESULT_CHARS;
        withResult(truncated ? beginning(newResult) : newResult, truncated);
        memoryMb = newMemoryMb;
    }

    private static String tail(String log) {
        if (log == null || log.length() <= MAX_LOG_TAIL_CHARS) {
            return log;
        }
        return log.substring(log.length() - MAX_LOG_TAIL_CHARS);
    }

    /** The first {@link #MAX_RESULT_CHARS} characters, one fewer rather than half a surrogate pair. */
    private static String beginning(String text) {
        int end =
                Character.isHighSurrogate(text.charAt(MAX_RESULT_CHARS - 1)) ? MAX_RESULT_CHARS - 1 : MAX_RESULT_CHARS;
        return text.substring(0, end);
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

    public String caller() {
        return caller;
    }

    public String instanceId() {
        return instanceId;
    }

    public String hostId() {
        return hostId;
    }

    public String startKind() {
        return startKind;
    }

    public String status() {
        return status;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public long initMillis() {
        return initMillis;
    }

    public long runMillis() {
        return runMillis;
    }

    public long durationMillis() {
        return durationMillis;
    }

    public String logTail() {
        return logTail;
    }

    public String result() {
        return result;
    }

    /** True when {@link #result()} is only the beginning of what the run returned. */
    public boolean resultTruncated() {
        return Boolean.TRUE.equals(resultTruncated);
    }

    /** Megabytes; empty for a record written before the memory was recorded. */
    public OptionalInt memoryMb() {
        return memoryMb == null ? OptionalInt.empty() : OptionalInt.of(memoryMb);
    }
}
