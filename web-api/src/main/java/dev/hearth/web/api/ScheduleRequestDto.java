package dev.hearth.web.api;

import dev.hearth.domain.rules.Limits;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ScheduleRequest", description = "When a schedule runs its function, and with which event")
public record ScheduleRequestDto(
        @Schema(
                        required = true,
                        maxLength = Limits.MAX_CRON_CHARS,
                        example = "*/5 * * * *",
                        description = "Five fields: minute hour day-of-month month day-of-week; lists, ranges,"
                                + " steps, JAN-DEC and SUN-SAT")
                String cron,
        @Schema(example = "Europe/Berlin", description = "An IANA time-zone name; UTC when absent") String timezone,
        @Schema(description = "The event each run gets, any JSON value of at most 1 MiB; {} when absent")
                JsonValue event) {}
