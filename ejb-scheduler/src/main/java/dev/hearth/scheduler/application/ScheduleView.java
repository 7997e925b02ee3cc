package dev.hearth.scheduler.application;

import java.time.OffsetDateTime;

/**
 * A schedule as its owner sees it.
 *
 * @param event the event each run gets, JSON text
 * @param nextRunAt the next run time (null if none comes)
 * @param lastRunAt the run time last claimed since the schedule was set (null if none)
 */
public record ScheduleView(
        String functionName,
        String name,
        String cron,
        String timezone,
        String event,
        OffsetDateTime nextRunAt,
        OffsetDateTime lastRunAt,
        String updatedBy,
        OffsetDateTime updatedAt) {}
