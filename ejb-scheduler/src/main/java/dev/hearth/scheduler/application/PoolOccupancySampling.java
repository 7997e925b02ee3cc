package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.OccupancySample;
import dev.hearth.domain.placement.PoolOccupancy;
import dev.hearth.scheduler.pool.InstancePool;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records, every {@value #INTERVAL_SECONDS} seconds, what this member's instances are doing
 * (booting, warming, idle, busy: its pool's snapshot, as admins' pages read it), so that the
 * console charts the pools' occupancy over the last hour. Each member samples the instances it
 * holds (ADR 26), the chart adds the members up; once a minute, the member whose claim wins
 * deletes every member's samples older than {@link #KEPT}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PoolOccupancySampling {

    static final int INTERVAL_SECONDS = 10;

    /** The hour charted, and a few minutes for a slow clock. */
    static final Duration KEPT = Duration.ofMinutes(70);

    static final String PRUNING_TASK = "pool-occupancy-pruning";

    private static final Logger LOG = Logger.getLogger(PoolOccupancySampling.class.getName());

    @Inject
    InstancePool pool;

    @Inject
    OccupancyRepository samples;

    @Inject
    PeriodicTaskClaims claims;

    @Schedule(
            hour = "*",
            minute = "*",
            second = "*/" + INTERVAL_SECONDS,
            persistent = false,
            info = "hearth-pool-occupancy")
    void sample() {
        try {
            Instant now = Instant.now();
            PoolOccupancy occupancy = PoolOccupancy.of(pool.snapshot());
            samples.add(new OccupancySample(
                    now, pool.member(), occupancy.booting(), occupancy.warming(), occupancy.idle(), occupancy.busy()));
            if (claims.claim(PRUNING_TASK, now.getEpochSecond() / 60)) {
                samples.removeBefore(now.minus(KEPT));
            }
        } catch (RuntimeException e) {
            // A failed sample must not cancel the timer; the chart misses one point.
            LOG.log(Level.WARNING, "could not sample the pool's occupancy: " + e, e);
        }
    }
}
