package dev.hearth.web.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an accepted async invocation: the activation to follow. */
@Schema(name = "AsyncAccepted", description = "An async invocation accepted; follow its activation.")
public record AsyncAcceptedDto(
        String activationId,
        @Schema(description = "Always queued: the activation's status when it was accepted", example = "queued")
                String status) {

    static AsyncAcceptedDto queued(String activationId) {
        return new AsyncAcceptedDto(activationId, "queued");
    }
}
