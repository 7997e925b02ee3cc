package dev.hearth.web.admin;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.MeteringJob;
import dev.hearth.scheduler.application.MeteringService;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import dev.hearth.web.admin.MeteringDtos.JobExecutionDto;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs the metering jobs now, besides their daily and hourly runs, and tells how a run went. */
@Path("admin/jobs")
@RequestScoped
@RolesAllowed(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class MeteringJobResource {

    @Inject
    private MeteringService metering;

    @Inject
    private Caller caller;

    @Context
    private UriInfo uri;

    @POST
    @Path("retention")
    @Operation(
            operationId = "runRetention",
            summary = "Archive the activation records past the retention now",
            description = "Starts job hearth-activation-retention on this member; Location tells how it goes.")
    @APIResponse(responseCode = "202", description = "Started")
    public Response runRetention() {
        return started(MeteringJob.ACTIVATION_RETENTION);
    }

    @POST
    @Path("usage-rollup")
    @Operation(
            operationId = "runUsageRollup",
            summary = "Recompute the usage of the last 3 complete hours now",
            description = "Starts job hearth-usage-rollup on this member; Location tells how it goes.")
    @APIResponse(responseCode = "202", description = "Started")
    public Response runUsageRollup() {
        return started(MeteringJob.USAGE_ROLLUP);
    }

    @GET
    @Path("{job}/executions/{executionId}")
    @Operation(operationId = "getJobExecution", summary = "How a run of a metering job started on this member goes")
    @APIResponse(responseCode = "200", description = "The run and its status")
    @APIResponse(responseCode = "404", description = "No such job, or no such run of it on this member")
    public JobExecutionDto execution(@PathParam("job") String job, @PathParam("executionId") long executionId) {
        MeteringJob known = MeteringJob.byId(job)
                .orElseThrow(() ->
                        new HearthException(ProblemType.JOB_EXECUTION_NOT_FOUND, "no metering job '" + job + "'"));
        return new JobExecutionDto(job, executionId, metering.status(caller, known, executionId));
    }

    private Response started(MeteringJob job) {
        long executionId = metering.runNow(caller, job);
        return Response.accepted(new JobExecutionDto(job.id(), executionId, "STARTING"))
                .location(uri.getBaseUriBuilder()
                        .path("admin/jobs/{job}/executions/{executionId}")
                        .build(job.id(), executionId))
                .build();
    }
}
