package dev.hearth.scheduler.application;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the metering jobs on time: the usage rollup at five past every hour, the activation
 * retention at 00:30 UTC. Every member has these timers (non-persistent, ADR 26); the member whose
 * claim of the period wins starts the job, the others do nothing, so each runs once per period
 * in a cluster, and a period all members missed is run at the next firing.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PeriodicMetering {

    private static final Logger LOG = Logger.getLogger(PeriodicMetering.class.getName());

    @Inject
    PeriodicTaskClaims claims;

    @Inject
    JobLauncher launcher;

    @Schedule(hour = "*", minute = "5", timezone = "UTC", persistent = false, info = "hearth-usage-rollup")
    void rollUpUsage() {
        startIfClaimed(MeteringJob.USAGE_ROLLUP);
    }

    @Schedule(hour = "0", minute = "30", timezone = "UTC", persistent = false, info = "hearth-activation-retention")
    void archiveActivations() {
        startIfClaimed(MeteringJob.ACTIVATION_RETENTION);
    }

    private void startIfClaimed(MeteringJob job) {
        try {
            if (claims.claim(job.id(), job.period().slotOf(Instant.now()))) {
                long execution = launcher.start(job);
                LOG.info(() -> "started " + job.jobXml() + ", execution " + execution);
            }
        } catch (RuntimeException e) {
            // A failed start must not cancel the timer; the next period runs it again.
            LOG.log(Level.WARNING, "could not start " + job.jobXml() + ": " + e, e);
        }
    }
}
