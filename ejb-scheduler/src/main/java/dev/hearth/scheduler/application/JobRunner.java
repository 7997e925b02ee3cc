package dev.hearth.scheduler.application;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Runs bulk jobs' executions (Jakarta Batch): start, stop, restart, and how an execution stands. */
public interface JobRunner {

    /** The job's records from index {@code from} on, in chunks; the new execution's id. */
    long start(String jobId, int from);

    /**
     * Asks a running execution to stop after its current chunk.
     *
     * @throws HearthException JOB_STATE_CONFLICT: it does not run on this member
     */
    void stop(long executionId);

    /**
     * Runs a stopped or failed execution again from its last checkpoint; the new execution's id.
     *
     * @throws HearthException JOB_STATE_CONFLICT: it is running or complete
     */
    long restart(long executionId, String jobId);

    Execution execution(long executionId);

    /**
     * @param createdAt when the execution was created (started or restarted)
     * @param status Jakarta Batch's batch status, lower case: starting, started, stopping, stopped,
     *     failed, completed, abandoned
     */
    record Execution(
            String status, Instant createdAt, Optional<OffsetDateTime> startedAt, Optional<OffsetDateTime> endedAt) {

        /** Whether the execution is (or claims to be) under way. */
        public boolean active() {
            return status.equals("starting") || status.equals("started") || status.equals("stopping");
        }
    }
}
