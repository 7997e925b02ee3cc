package dev.hearth.web.api;

import dev.hearth.scheduler.application.ActivationService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("activations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "activations")
public class ActivationResource {

    @Inject
    private ActivationService activations;

    @Inject
    private Caller caller;

    @GET
    @Path("{id}")
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN, Role.INVOKER})
    @Operation(operationId = "getActivation", summary = "Read an activation record")
    @APIResponse(
            responseCode = "200",
            description = "The activation",
            content = @Content(schema = @Schema(implementation = ActivationDto.class)))
    @APIResponse(responseCode = "404", description = "No such activation, or not visible to the caller")
    @APIResponse(responseCode = "503", description = ApiResponses.ANSWERS_BUSY)
    public StreamingOutput get(@PathParam("id") String id) {
        return JsonTextBodies.of(ActivationDto.from(activations.get(caller, id)));
    }
}
