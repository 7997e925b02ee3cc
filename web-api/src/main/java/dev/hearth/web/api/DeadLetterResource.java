package dev.hearth.web.api;

import dev.hearth.scheduler.application.AsyncQueueService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("functions/{name}/dead-letters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "async invocations")
public class DeadLetterResource {

    private static final String NOT_FOUND = "No such function or dead letter, or not the caller's to manage";

    @Inject
    private AsyncQueueService async;

    @Inject
    private Caller caller;

    @GET
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(
            operationId = "listDeadLetters",
            summary = "A function's async invocations that still failed",
            description = "Newest first. For the function's owner or an admin.")
    @APIResponse(responseCode = "400", description = "limit is not a whole number from 1 to 500")
    @APIResponse(
            responseCode = "200",
            description = "The dead letters",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DeadLetterDto.class)))
    @APIResponse(responseCode = "404", description = ApiResponses.FUNCTION_NOT_FOUND)
    @APIResponse(responseCode = "503", description = ApiResponses.ANSWERS_BUSY)
    public StreamingOutput list(
            @PathParam("name") String name,
            @QueryParam("limit")
                    @Parameter(
                            description =
                                    "At most this many, from 1 to " + ListLimit.MAX + "; default " + ListLimit.DEFAULT,
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
                    String limit) {
        return JsonTextBodies.of(async.deadLetters(caller, name, ListLimit.parse(limit)).stream()
                .map(DeadLetterDto::from)
                .toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(operationId = "getDeadLetter", summary = "One dead letter: its event, attempts, last error, activations")
    @APIResponse(
            responseCode = "200",
            description = "The dead letter",
            content = @Content(schema = @Schema(implementation = DeadLetterDto.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "503", description = ApiResponses.ANSWERS_BUSY)
    public StreamingOutput get(@PathParam("name") String name, @PathParam("id") String id) {
        return JsonTextBodies.of(DeadLetterDto.from(async.deadLetter(caller, name, id)));
    }

    @POST
    @Path("{id}/redrive")
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(
            operationId = "redriveDeadLetter",
            summary = "Queue a dead letter again",
            description = "The event is queued as if accepted now, with its retries afresh, and reported by a new"
                    + " activation; it leaves the dead-letter store (and comes back should it fail again). It runs"
                    + " as the user who queued it first, with the roles they had then.")
    @APIResponse(
            responseCode = "202",
            description = "Queued again",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The new activation"),
            content = @Content(schema = @Schema(implementation = AsyncAcceptedDto.class)))
    @APIResponse(
            responseCode = "400",
            description = "The function now needs its caller's credential (credential-needs-caller)")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response redrive(@PathParam("name") String name, @PathParam("id") String id, @Context UriInfo uri) {
        return InvocationResource.accepted(async.redrive(caller, name, id).activationId(), uri);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(operationId = "deleteDeadLetter", summary = "Forget a dead letter")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public void delete(@PathParam("name") String name, @PathParam("id") String id) {
        async.deleteDeadLetter(caller, name, id);
    }
}
