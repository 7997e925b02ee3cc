package dev.hearth.domain.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which slot a timer's firing may claim. The slot is the latest run time due at the firing, not the
 * one the timer was set for: firings that catch up after a downtime all name the same slot, so the
 * missed run times run once, not once each. The store's conditional update on the schedule's last
 * claimed slot then decides between members that fire the same slot.
 */
public final class ScheduleFiring {

    /** A timer may fire a little before its time (clocks, timer granularity); still its slot's firing. */
    public static final Duration EARLINESS = Duration.ofSeconds(2);

    private ScheduleFiring() {}

    /**
     * @param since when the schedule was created or last changed: no run time before it runs
     * @param lastClaimed the slot last claimed for it, if any
     * @param firedAt when the timer fired
     */
    public static FiringDecision decide(
            CronSchedule schedule, Instant since, Optional<Instant> lastClaimed, Instant firedAt) {
        Optional<Instant> due = schedule.latestBetween(since, firedAt.plus(EARLINESS));
        if (due.isEmpty()) {
            return new FiringDecision.NothingDue();
        }
        Instant slot = due.get();
        if (lastClaimed.isPresent() && !lastClaimed.get().isBefore(slot)) {
            return new FiringDecision.AlreadyRun(slot);
        }
        return new FiringDecision.Claim(slot);
    }
}
