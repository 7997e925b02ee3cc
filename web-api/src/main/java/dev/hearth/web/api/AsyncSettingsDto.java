package dev.hearth.web.api;

import dev.hearth.scheduler.application.AsyncSettingsView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AsyncSettings", description = "How a function's async invocations are retried.")
public record AsyncSettingsDto(
        @Schema(
                        required = true,
                        description = "Attempts after the first when the function fails or times out",
                        minimum = "0",
                        maximum = "5")
                Long maxRetries,
        @Schema(
                        required = true,
                        description = "No attempt is made once the event is older than this (seconds since it was"
                                + " accepted or redriven); it goes to the dead-letter store",
                        minimum = "60",
                        maximum = "21600")
                Long maxEventAgeSeconds) {

    static AsyncSettingsDto from(AsyncSettingsView settings) {
        return new AsyncSettingsDto((long) settings.maxRetries(), settings.maxEventAgeSeconds());
    }
}
