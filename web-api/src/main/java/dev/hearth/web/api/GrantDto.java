package dev.hearth.web.api;

import dev.hearth.scheduler.application.GrantView;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Grant", description = "The right to invoke a function, granted to a user or a realm role")
public record GrantDto(
        @Schema(required = true) String function,
        @Schema(required = true, description = "user:NAME or role:NAME", example = "user:invoker") String principal,
        @Schema(required = true) String grantedBy,
        @Schema(required = true) OffsetDateTime grantedAt) {

    static GrantDto from(GrantView view) {
        return new GrantDto(view.functionName(), view.principal(), view.grantedBy(), view.grantedAt());
    }
}
