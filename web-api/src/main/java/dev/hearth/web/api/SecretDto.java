package dev.hearth.web.api;

import dev.hearth.scheduler.application.SecretView;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Secret", description = "A secret of a function: its name and version, never its value")
public record SecretDto(
        @Schema(required = true) String function,
        @Schema(required = true, example = "api_key") String name,
        @Schema(required = true, description = "1 when first set, one more at each rotation") int version,
        @Schema(required = true) String updatedBy,
        @Schema(required = true) OffsetDateTime updatedAt) {

    static SecretDto from(SecretView view) {
        return new SecretDto(view.functionName(), view.name(), view.version(), view.updatedBy(), view.updatedAt());
    }
}
