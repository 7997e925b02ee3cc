package dev.hearth.web.api;

import dev.hearth.scheduler.application.JsonText;
import dev.hearth.scheduler.application.ScheduleView;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Written by {@link JsonTextBodies}: the event as it was set. */
@Schema(name = "Schedule", description = "A schedule of a function: when it runs, and with which event")
public record ScheduleDto(
        @Schema(required = true) String function,
        @Schema(required = true, example = "nightly-report") String name,
        @Schema(required = true, example = "*/5 * * * *") String cron,
        @Schema(required = true, example = "UTC") String timezone,
        @Schema(required = true, description = "The event each run gets") JsonText event,
        @Schema(description = "The next run time; absent when none comes") OffsetDateTime nextRunAt,
        @Schema(description = "The last run time that ran (claimed once in the cluster) since the schedule was set")
                OffsetDateTime lastRunAt,
        @Schema(required = true) String updatedBy,
        @Schema(required = true) OffsetDateTime updatedAt) {

    static ScheduleDto from(ScheduleView view) {
        return new ScheduleDto(
                view.functionName(),
                view.name(),
                view.cron(),
                view.timezone(),
                JsonText.of(view.event()),
                view.nextRunAt(),
                view.lastRunAt(),
                view.updatedBy(),
                view.updatedAt());
    }
}
