package dev.hearth.scheduler.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Resumes the bulk jobs this member ran when it was killed (ADR 33), shortly after it starts, once
 * the application and the batch runtime are up. The work is {@link BulkJobService#resumeInterrupted}:
 * Payara's batch runtime lets only the EJB that started a job touch its executions, which this
 * bean is not.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BulkJobRecovery {

    private static final long DELAY_MILLIS = 5_000;

    @Resource
    TimerService timers;

    @Inject
    BulkJobService jobs;

    @PostConstruct
    void scheduleResume() {
        timers.createSingleActionTimer(DELAY_MILLIS, new TimerConfig(null, false));
    }

    @Timeout
    void resumeInterrupted() {
        jobs.resumeInterrupted();
    }
}
