package dev.hearth.web.api;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.MeteringService;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.scheduler.application.UsageView;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Metered usage per hour, user and function: what a billing service reads. */
@Path("usage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "usage")
public class UsageResource {

    private static final Duration DEFAULT_SPAN = Duration.ofDays(1);

    @Inject
    private MeteringService metering;

    @Inject
    private Caller caller;

    @GET
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN, Role.INVOKER})
    @Operation(
            operationId = "getUsage",
            summary = "Usage per hour (UTC), user and function",
            description = "Complete hours only, as the hourly rollup summed them: the caller's own invocations, or"
                    + " for an admin everyone's (or one user's).")
    @APIResponse(
            responseCode = "200",
            description = "The hours with invocations, oldest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = UsageDto.class)))
    @APIResponse(
            responseCode = "400",
            description = "from or to not an ISO-8601 instant, or not from < to ≤ from + 93 days")
    public List<UsageDto> usage(
            @QueryParam("from")
                    @Parameter(
                            description = "First hour, ISO-8601 (default: 24 hours before to)",
                            example = "2026-12-04T00:00:00Z")
                    String from,
            @QueryParam("to")
                    @Parameter(
                            description = "End, exclusive, ISO-8601 (default: now)",
                            example = "2026-12-05T00:00:00Z")
                    String to,
            @QueryParam("user") @Parameter(description = "Admins only: this user's usage alone") String user) {
        Instant end = to == null ? Instant.now() : instant("to", to);
        Instant start = from == null ? end.minus(DEFAULT_SPAN) : instant("from", from);
        return metering.usage(caller, start, end, Optional.ofNullable(user)).stream()
                .map(UsageDto::from)
                .toList();
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new HearthException(
                    ProblemType.INVALID_REQUEST, name + " is not an ISO-8601 instant (2026-12-04T09:00:00Z): " + value);
        }
    }

    @Schema(name = "Usage", description = "One user's invocations of one function in one hour (UTC).")
    public record UsageDto(
            @Schema(description = "The hour's start") OffsetDateTime hour,
            @Schema(description = "Who invoked") String user,
            String function,
            long invocations,
            @Schema(description = "Invocations that did not end in success") long errors,
            @Schema(description = "Duration times memory (after any policy override), in GB-seconds") double gbSeconds,
            @Schema(description = "The same, exact: megabytes times milliseconds") long megabyteMilliseconds) {

        static UsageDto from(UsageView view) {
            return new UsageDto(
                    view.hour().atOffset(ZoneOffset.UTC),
                    view.user(),
                    view.function(),
                    view.invocations(),
                    view.errors(),
                    view.gbSeconds(),
                    view.megabyteMillis());
        }
    }
}
