package dev.hearth.web.admin;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.MeteringService;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import dev.hearth.web.admin.MeteringDtos.RetentionDto;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How many days activation records are kept before the retention job archives them. */
@Path("admin/retention")
@RequestScoped
@RolesAllowed(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class RetentionResource {

    @Inject
    private MeteringService metering;

    @Inject
    private Caller caller;

    @GET
    @Operation(operationId = "getRetention", summary = "How many days activation records are kept")
    @APIResponse(responseCode = "200", description = "The retention in force")
    public RetentionDto retention() {
        return new RetentionDto(metering.retentionDays(caller));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "changeRetention",
            summary = "Change how many days activation records are kept",
            description = "The next run of the retention job (daily at 00:30 UTC, or run now) archives what is older.")
    @APIResponse(responseCode = "200", description = "The retention now in force")
    @APIResponse(responseCode = "400", description = "Missing, or outside 0..3650")
    @APIResponse(responseCode = "413", description = AdminResource.BODY_TOO_LARGE)
    public RetentionDto change(RetentionDto retention) {
        if (retention == null || retention.activationRetentionDays() == null) {
            throw new HearthException(ProblemType.INVALID_SETTINGS, "activationRetentionDays is required");
        }
        return new RetentionDto(metering.changeRetentionDays(caller, retention.activationRetentionDays()));
    }
}
