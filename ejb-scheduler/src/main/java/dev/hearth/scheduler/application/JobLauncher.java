package dev.hearth.scheduler.application;

import java.util.Optional;

/** Starts batch jobs and reports how their executions went. */
public interface JobLauncher {

    /** Starts the job on this member, in the background; the execution's id. */
    long start(MeteringJob job);

    /**
     * The execution's state ({@code STARTING}, {@code STARTED}, {@code COMPLETED}, {@code FAILED},
     * …), if it is an execution of {@code job} this member's batch runtime knows.
     */
    Optional<String> status(MeteringJob job, long executionId);
}
