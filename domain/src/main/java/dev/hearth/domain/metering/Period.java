package dev.hearth.domain.metering;

import java.time.Duration;
import java.time.Instant;

/**
 * How often a periodic task runs. A period's slot is its number since the epoch (UTC), the same on
 * every member; a member runs the task for a slot only if it moves the task's last slot forward,
 * so that the task runs once per period in a cluster.
 */
public enum Period {
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1));

    private final Duration length;

    Period(Duration length) {
        this.length = length;
    }

    /** The slot of the period that holds {@code instant}. */
    public long slotOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), length.toSeconds());
    }

    /** The instant the slot's period starts. */
    public Instant startOf(long slot) {
        return Instant.ofEpochSecond(slot * length.toSeconds());
    }

    /** Whether a task last run for {@code lastSlot} is due again at {@code now}. */
    public boolean isDue(long lastSlot, Instant now) {
        return slotOf(now) > lastSlot;
    }
}
