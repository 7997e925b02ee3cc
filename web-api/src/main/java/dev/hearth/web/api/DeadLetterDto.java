package dev.hearth.web.api;

import dev.hearth.scheduler.application.DeadLetterView;
import dev.hearth.scheduler.application.JsonText;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Written by {@link JsonTextBodies}: the event as it was queued. */
@Schema(name = "DeadLetter", description = "An async invocation that still failed after its retries.")
public record DeadLetterDto(
        String id,
        String functionName,
        @Schema(description = "User who queued it") String caller,
        @Schema(
                        description =
                                "The invocation's event as it was queued. A list of dead letters gives an event"
                                        + " longer than " + DeadLetterView.LISTED_EVENT_CHARS
                                        + " characters as a JSON string"
                                        + " of its beginning, and eventTruncated is true; the dead letter itself gives it whole")
                JsonText event,
        @Schema(description = "true when event holds only the beginning of the event; absent otherwise")
                Boolean eventTruncated,
        @Schema(description = "When it was accepted, or redriven last") OffsetDateTime acceptedAt,
        OffsetDateTime deadAt,
        @Schema(description = "Attempts made, including those Hearth could not run") int attempts,
        @Schema(description = "Attempts in which the function ran and failed") int failedAttempts,
        @Schema(description = "Why it was given up, and the last attempt's error") String lastError,
        @Schema(description = "Its activations, oldest first: one per acceptance or redrive")
                List<String> activationIds) {

    static DeadLetterDto from(DeadLetterView view) {
        return new DeadLetterDto(
                view.id(),
                view.functionName(),
                view.caller(),
                view.eventTruncated() ? JsonText.string(view.event()) : JsonText.of(view.event()),
                view.eventTruncated() ? Boolean.TRUE : null,
                view.acceptedAt().atOffset(ZoneOffset.UTC),
                view.deadAt() == null ? null : view.deadAt().atOffset(ZoneOffset.UTC),
                view.attempts(),
                view.failedAttempts(),
                view.lastError(),
                view.activationIds());
    }
}
