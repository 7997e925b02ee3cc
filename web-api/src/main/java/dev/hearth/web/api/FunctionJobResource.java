package dev.hearth.web.api;

import static dev.hearth.web.api.ApiResponses.FUNCTION_NOT_FOUND;

import dev.hearth.scheduler.application.BulkJobService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("functions/{name}/jobs")
@RequestScoped
@Tag(name = "jobs")
public class FunctionJobResource {

    @Inject
    private BulkJobService jobs;

    @Inject
    private Caller caller;

    @POST
    @Consumes({BulkJobService.NDJSON, BulkJobService.GZIP, BulkJobService.ZIP})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN, Role.INVOKER})
    @Operation(
            operationId = "startJob",
            summary = "Start a bulk invocation job",
            description = "Invokes the function once per record of the data set, in chunks of 10 records, at most"
                    + " hearth.jobs.concurrency at once, as the caller with the roles they have now. The data set is"
                    + " JSON lines (one JSON value of at most 1 MiB per line), or a tar.gz or zip of JSON-lines files"
                    + " read in path order. It is checked whole before anything starts: at most 16 MiB uploaded,"
                    + " 64 MiB unpacked, 256 entries, a compression ratio of 100 and 100000 records; an archive"
                    + " may hold no paths outside it, links or special files. A function whose trusted portion"
                    + " needs the caller's credential cannot run in a job. The job runs on this function, by its"
                    + " identity: once it is deleted, the job fails at its next chunk and its records run on no"
                    + " other function, also not one deployed afresh under the name.")
    @RequestBody(
            required = true,
            description = "The data set",
            content = {
                @Content(mediaType = BulkJobService.NDJSON),
                @Content(
                        mediaType = BulkJobService.GZIP,
                        schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = BulkJobService.ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(
            responseCode = "202",
            description = "The job is started",
            headers = @Header(name = HttpHeaders.LOCATION, required = true, description = "The job: /api/v1/jobs/{id}"),
            content = @Content(schema = @Schema(implementation = JobDto.class)))
    @APIResponse(
            responseCode = "400",
            description = "The data set is malformed or hostile (a record that is not one JSON value, a damaged"
                    + " archive, a path outside it, a link, too many entries or too much unpacked), or the function"
                    + " needs its caller's credential (credential-needs-caller)")
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    @APIResponse(responseCode = "413", description = "Upload over 16 MiB, or more than 100000 records")
    @APIResponse(responseCode = "415", description = "Not JSON lines, tar.gz or zip")
    @APIResponse(
            responseCode = "503",
            description = "As many data sets as Payara reads at once are being read (data-sets-busy, with"
                    + " Retry-After); one ends within seconds; or the upload waits: " + ApiResponses.SERVER_BUSY)
    public Response start(@PathParam("name") String name, @Context HttpHeaders headers, InputStream body)
            throws IOException {
        byte[] upload =
                RequestBodies.readAtMost(body, headers.getLength(), BulkJobService.MAX_UPLOAD_BYTES, "The data set");
        MediaType type = headers.getMediaType();
        JobDto job = JobDto.from(jobs.start(caller, name, type.getType() + "/" + type.getSubtype(), upload));
        return Response.accepted(job)
                .location(URI.create("/api/v1/jobs/" + job.id()))
                .build();
    }
}
