package dev.hearth.scheduler.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * This member's part in the bulk jobs it runs: shortly after it starts, once the application and
 * the batch runtime are up, it resumes those it was killed running (ADR 33); every second it stops
 * those a stop was asked of through another member. The work is {@link BulkJobService}'s: Payara's
 * batch runtime lets only the EJB that started a job touch its executions, which this bean is not.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BulkJobSupervisor {

    private static final long RESUME_DELAY_MILLIS = 5_000;
    private static final long STOP_CHECK_MILLIS = 1_000;
    private static final String RESUME = "resume interrupted jobs";

    @Resource
    TimerService timers;

    @Inject
    BulkJobService jobs;

    @PostConstruct
    void scheduleChecks() {
        timers.createSingleActionTimer(RESUME_DELAY_MILLIS, new TimerConfig(RESUME, false));
        timers.createIntervalTimer(
                RESUME_DELAY_MILLIS, STOP_CHECK_MILLIS, new TimerConfig("apply stop requests", false));
    }

    @Timeout
    void check(Timer timer) {
        if (RESUME.equals(timer.getInfo())) {
            jobs.resumeInterrupted();
        } else {
            jobs.applyStopRequests();
        }
    }
}
