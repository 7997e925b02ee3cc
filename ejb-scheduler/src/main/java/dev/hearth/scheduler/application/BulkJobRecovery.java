package dev.hearth.scheduler.application;

import dev.hearth.persistence.BulkJobEntity;
import dev.hearth.scheduler.pool.ClusterMembership;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Resumes the bulk jobs this member ran when it was killed (ADR 33). Their executions still claim
 * to run in the job repository, which no one will ever correct, and Jakarta Batch restarts only a
 * stopped or failed execution; so each such job gets a new execution that starts at the first
 * record without a result. Only this member's jobs, and only executions created before this JVM
 * started: they cannot be running anywhere. Runs shortly after the start, once the application
 * and the batch runtime are up, as a task of the application's managed executor: Payara's batch
 * runtime refuses an EJB timer's thread (JobSecurityException), which it does not see as the
 * application's.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BulkJobRecovery {

    private static final long DELAY_MILLIS = 5_000;

    private static final Logger LOG = Logger.getLogger(BulkJobRecovery.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    BulkJobRepository jobs;

    @Inject
    JobRunner runner;

    @Inject
    ClusterMembership membership;

    @PostConstruct
    void scheduleResume() {
        scheduler.schedule(this::resumeInterrupted, DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    void resumeInterrupted() {
        Instant thisStart =
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        String self = membership.self();
        for (BulkJobEntity job : jobs.runBy(self)) {
            JobRunner.Execution execution = runner.execution(job.executionId());
            if (execution.active() && execution.createdAt().isBefore(thisStart)) {
                int next = jobs.progress(job.id()).next();
                long executionId = runner.start(job.id(), next);
                jobs.runBy(job.id(), executionId, self);
                LOG.info(() -> "bulk job " + job.id() + " was interrupted by this member's end (execution "
                        + job.executionId() + "); resumed from record " + next + " as execution " + executionId);
            }
        }
    }
}
