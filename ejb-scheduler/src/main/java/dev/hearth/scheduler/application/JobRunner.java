package dev.hearth.scheduler.application;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Runs bulk jobs' executions (Jakarta Batch): start, stop, restart, and how an execution stands. */
public interface JobRunner {

    /** The job's records from index {@code from} on, in chunks; the new execution's id. */
    long start(String jobId, int from);

    /**
     * Asks a running execution of this member to stop after its current chunk.
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

    /**
     * How the execution stands; {@link Execution#forgotten()} when the batch runtime no longer
     * knows it: Payara drops a deployment's executions when it is undeployed (also by a redeploy)
     * and refuses those of an earlier deployment of the same application.
     */
    Execution execution(long executionId);

    /**
     * @param createdAt when the execution was created (started or restarted)
     * @param status Jakarta Batch's batch status, lower case: starting, started, stopping, stopped,
     *     failed, completed, abandoned
     */
    record Execution(
            String status, Instant createdAt, Optional<OffsetDateTime> startedAt, Optional<OffsetDateTime> endedAt) {

        private static final String FORGOTTEN = "forgotten";

        /** An execution of an earlier deployment of Hearth: it runs nowhere, and cannot be restarted. */
        public static Execution forgotten() {
            return new Execution(FORGOTTEN, Instant.EPOCH, Optional.empty(), Optional.empty());
        }

        public boolean isForgotten() {
            return status.equals(FORGOTTEN);
        }

        /** Whether the execution is (or claims to be) under way. */
        public boolean active() {
            return status.equals("starting") || status.equals("started") || status.equals("stopping");
        }
    }
}
