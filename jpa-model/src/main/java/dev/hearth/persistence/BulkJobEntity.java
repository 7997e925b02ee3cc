package dev.hearth.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * A bulk invocation job: whose it is, the function it was started on (its identity, not only its
 * name: docs/adr/0057), the roles its owner had when it was started (its records run with them, ADR
 * 30), how many records it has, and its current Jakarta Batch execution with the member that runs
 * it.
 */
@Entity
@Table(name = "hearth_bulk_job")
public class BulkJobEntity {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "function_name", nullable = false, length = 255)
    private String functionName;

    /**
     * The identity of the function the job was started on. Null only in rows written before jobs
     * recorded it, until the start-up migration finds their function; one it cannot find stays null
     * and is the function of no job.
     */
    @Column(name = "function_id", length = 36)
    private String functionId;

    @Column(name = "owner_name", nullable = false, length = 255)
    private String owner;

    /** The owner's realm roles at the start, separated by spaces (role names hold none). */
    @Column(name = "owner_roles", nullable = false, length = 2000)
    private String roles;

    @Column(name = "records_total", nullable = false)
    private int recordsTotal;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    /** The Jakarta Batch execution that runs or ran it last; 0 before the first. */
    @Column(name = "execution_id", nullable = false)
    private long executionId;

    /** The member (Payara instance) that runs that execution. */
    @Column(name = "member_name", length = 255)
    private String member;

    /**
     * When a member that does not run the current execution was asked to stop it: the member
     * that runs it stops it at its next check (Jakarta Batch stops only its own executions).
     */
    @Column(name = "stop_requested_at")
    private OffsetDateTime stopRequestedAt;

    protected BulkJobEntity() {}

    public BulkJobEntity(
            String id,
            String functionName,
            String functionId,
            String owner,
            Set<String> roles,
            int recordsTotal,
            OffsetDateTime at) {
        this.id = id;
        this.functionName = functionName;
        this.functionId = functionId;
        this.owner = owner;
        this.roles = String.join(" ", new TreeSet<>(roles));
        this.recordsTotal = recordsTotal;
        this.createdAt = at;
    }

    /** A new Jakarta Batch execution runs the job now, on {@code runningMember}. */
    public void runBy(long newExecutionId, String runningMember) {
        executionId = newExecutionId;
        member = runningMember;
        stopRequestedAt = null;
    }

    /** Someone asked for the current execution to stop; its member has not stopped it yet. */
    public void requestStop(OffsetDateTime at) {
        stopRequestedAt = at;
    }

    /** Its member stopped the execution, or found it ended. */
    public void stopRequestHandled() {
        stopRequestedAt = null;
    }

    public boolean stopRequested() {
        return stopRequestedAt != null;
    }

    public String id() {
        return id;
    }

    public String functionName() {
        return functionName;
    }

    /**
     * Whether {@code function} (the one its name stands for now) is the function the job was
     * started on, not another deployed afresh under the name after a delete.
     */
    public boolean startedOn(FunctionEntity function) {
        return function.functionId().equals(functionId);
    }

    /** The identity of the function the job was started on; null for a row the migration could not bind. */
    public String functionId() {
        return functionId;
    }

    public String owner() {
        return owner;
    }

    public Set<String> roles() {
        return roles.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(roles.split(" ")));
    }

    public int recordsTotal() {
        return recordsTotal;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public long executionId() {
        return executionId;
    }

    public String member() {
        return member;
    }
}
