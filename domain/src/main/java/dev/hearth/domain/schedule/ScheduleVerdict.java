package dev.hearth.domain.schedule;

/** The outcome of {@link ScheduleRules#parse}: a schedule ready to compute run times, or what is wrong. */
public sealed interface ScheduleVerdict {

    record Accepted(CronSchedule schedule) implements ScheduleVerdict {}

    /** One sentence naming the field or the time zone at fault. */
    record Rejected(String problem) implements ScheduleVerdict {}
}
