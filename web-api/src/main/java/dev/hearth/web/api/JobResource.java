package dev.hearth.web.api;

import dev.hearth.scheduler.application.BulkJobService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("jobs")
@RequestScoped
@Tag(name = "jobs")
@RolesAllowed({Role.DEVELOPER, Role.ADMIN, Role.INVOKER})
public class JobResource {

    private static final String NOT_FOUND = "No such job, or another user's";

    @Inject
    private BulkJobService jobs;

    @Inject
    private Caller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listJobs", summary = "List your bulk jobs (an admin's lists everyone's), newest first")
    @APIResponse(
            responseCode = "200",
            description = "The jobs",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = JobDto.class)))
    public List<JobDto> list() {
        return jobs.list(caller).stream().map(JobDto::from).toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getJob", summary = "A bulk job's status and progress")
    @APIResponse(
            responseCode = "200",
            description = "The job",
            content = @Content(schema = @Schema(implementation = JobDto.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public JobDto get(@PathParam("id") String id) {
        return JobDto.from(jobs.get(caller, id));
    }

    @POST
    @Path("{id}/stop")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "stopJob",
            summary = "Stop a bulk job",
            description = "The job stops once its current chunk is done (status stopping, then stopped). With"
                    + " several members, any member takes the request; the one that runs the job stops it within"
                    + " a second.")
    @APIResponse(
            responseCode = "200",
            description = "Stopping",
            content = @Content(schema = @Schema(implementation = JobDto.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The job does not run")
    public JobDto stop(@PathParam("id") String id) {
        return JobDto.from(jobs.stop(caller, id));
    }

    @POST
    @Path("{id}/restart")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "restartJob",
            summary = "Restart a stopped or failed bulk job",
            description = "A new execution goes on from the job's last checkpoint: the records after the last"
                    + " chunk that was written. Only on the function the job was started on: once that was"
                    + " deleted, the job is not restarted, also not on a function deployed afresh under its"
                    + " name.")
    @APIResponse(
            responseCode = "200",
            description = "Restarted",
            content = @Content(schema = @Schema(implementation = JobDto.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(
            responseCode = "409",
            description = "The job is running or complete, or its function was deleted since it started")
    public JobDto restart(@PathParam("id") String id) {
        return JobDto.from(jobs.restart(caller, id));
    }

    @GET
    @Path("{id}/results")
    @Produces(BulkJobService.GZIP)
    @Operation(
            operationId = "getJobResults",
            summary = "A bulk job's results so far",
            description = "Gzipped JSON lines, one per record with a result, by index:"
                    + " {index, activationId, status, result}. status is the function's"
                    + " (success, error, timed_out, ...) or, when Hearth did not run the record, the problem's"
                    + " type (too-many-requests, function-not-found, ...) with its detail as result and no"
                    + " activationId.")
    @APIResponse(
            responseCode = "200",
            description = "The results file",
            content =
                    @Content(
                            mediaType = BulkJobService.GZIP,
                            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "503", description = ApiResponses.ANSWERS_BUSY)
    public Response results(@PathParam("id") String id) {
        BulkJobService.ResultsFile file = jobs.results(caller, id);
        RequestMemory.claimAnswer(file.largestChunkBytes(), false);
        StreamingOutput written = out -> jobs.writeResults(caller, file, out);
        return Response.ok(written)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"job-" + file.jobId() + "-results.jsonl.gz\"")
                .build();
    }
}
