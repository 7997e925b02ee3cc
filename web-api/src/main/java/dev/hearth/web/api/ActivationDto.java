package dev.hearth.web.api;

import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.JsonText;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Written by {@link JsonTextBodies}: the result as the function wrote it. */
@Schema(name = "Activation", description = "The record of one invocation.")
public record ActivationDto(
        String id,
        String functionName,
        @Schema(description = "Owner of the function") String owner,
        @Schema(description = "User who invoked it") String caller,
        String instanceId,
        String hostId,
        @Schema(
                        description =
                                "How the instance was found: already running for this user, taken from the warming"
                                        + " pool, or booted",
                        enumeration = {"warm", "reloaded", "warming-pool", "cold"})
                String startKind,
        @Schema(
                        description = "Outcome reported by the host agent (success, error, timed_out, ...); an async"
                                + " invocation's is queued, then running, then its outcome, or failed when Hearth could"
                                + " not run it",
                        example = "success")
                String status,
        OffsetDateTime startedAt,
        @Schema(description = "Time spent preparing the instance and containers") long initMillis,
        @Schema(description = "Time the function's code ran") long runMillis,
        @Schema(description = "Whole invocation as Hearth measured it") long durationMillis,
        @Schema(description = "Last lines of the containers' stdout and stderr") String logTail,
        @Schema(
                        description = "What an async invocation returned, as in an invocation's answer (absent for"
                                + " synchronous invocations: their caller received it). Only its beginning is kept"
                                + " when it is longer than " + ActivationView.MAX_RESULT_CHARS + " characters: then"
                                + " it is a JSON string of them, and resultTruncated is true. A list of activations"
                                + " gives each result up to " + ActivationView.LISTED_RESULT_CHARS + " characters so,"
                                + " and the activation itself all that is kept")
                JsonText result,
        @Schema(
                        description = "true when result holds only the beginning of a longer result, as a JSON"
                                + " string; absent otherwise")
                Boolean resultTruncated) {

    public static ActivationDto from(ActivationView view) {
        return new ActivationDto(
                view.id(),
                view.functionName(),
                view.owner(),
                view.caller(),
                view.instanceId(),
                view.hostId(),
                view.startKind(),
                view.status(),
                view.startedAt(),
                view.initMillis(),
                view.runMillis(),
                view.durationMillis(),
                view.logTail(),
                view.resultAsJson(),
                view.resultTruncated() ? Boolean.TRUE : null);
    }
}
