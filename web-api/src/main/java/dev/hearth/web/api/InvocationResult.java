package dev.hearth.web.api;

import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.InvocationOutcome;
import dev.hearth.scheduler.application.JsonText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to an invocation: the function's own result, inlined as JSON, and a summary of its
 * activation. A failed function is still an answer: {@code status} says so and {@code result}
 * holds what the runtime reported. Written by {@link JsonTextBodies}, the result as the function
 * wrote it.
 */
@Schema(name = "InvocationResult", description = "The function's result and a summary of its activation.")
public record InvocationResult(
        String activationId,
        @Schema(
                        description = "success when the function returned normally; otherwise what went wrong"
                                + " (error, timed_out, ...)",
                        example = "success")
                String status,
        @Schema(enumeration = {"warm", "reloaded", "warming-pool", "cold"}) String startKind,
        @Schema(
                        description = "What the function returned, as JSON. A function that returned text that is not"
                                + " JSON gets it as a JSON string; none at all gives null. When status is not success it"
                                + " holds the runtime's error report.")
                JsonText result,
        long durationMillis,
        long initMillis,
        long runMillis) {

    public static InvocationResult from(InvocationOutcome outcome) {
        ActivationView activation = outcome.activation();
        return new InvocationResult(
                activation.id(),
                activation.status(),
                activation.startKind(),
                outcome.payloadAsJson(),
                activation.durationMillis(),
                activation.initMillis(),
                activation.runMillis());
    }
}
