package dev.hearth.web.problem;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of what {@link Problem#toJson()} writes, for the OpenAPI document only: responses
 * declare it as their {@code application/problem+json} schema.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details.")
public record ProblemDocument(
        @Schema(description = "URI naming the kind of problem", example = "https://hearth.dev/problems/invalid-code")
                String type,
        @Schema(description = "Short summary of the kind of problem") String title,
        @Schema(description = "HTTP status") int status,
        @Schema(description = "What went wrong in this request") String detail,
        @Schema(description = "Path of the request", example = "/api/v1/functions/hello") String instance,
        @Schema(description = "invalid-code and invalid-request: every problem found, one per entry")
                List<String> errors,
        @Schema(description = "internal-error: the identifier of the server log entry") String errorId) {}
