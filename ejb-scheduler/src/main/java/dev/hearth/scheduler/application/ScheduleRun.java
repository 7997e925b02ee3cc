package dev.hearth.scheduler.application;

import java.time.Instant;

/** What one firing of a schedule's timer did, as {@link ScheduleRuns#fire} reports it. */
public sealed interface ScheduleRun {

    /** This firing claimed the slot and queued its run. */
    record Queued(Instant slot, String activationId) implements ScheduleRun {}

    /** The latest slot due was claimed already: by another member's timer, or an earlier firing. */
    record AlreadyRun(Instant slot) implements ScheduleRun {}

    /** No run time has come since the schedule was set. */
    record NothingDue() implements ScheduleRun {}

    /** The slot was claimed but the function may not run deferred now (why says); it is not retried. */
    record Refused(Instant slot, String why) implements ScheduleRun {}

    /** The timer's schedule is gone, or changed since the timer was made: the timer must go. */
    record Stale() implements ScheduleRun {}
}
