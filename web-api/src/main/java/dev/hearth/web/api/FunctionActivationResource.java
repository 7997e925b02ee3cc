package dev.hearth.web.api;

import static dev.hearth.web.api.ApiResponses.FUNCTION_NOT_FOUND;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("functions/{name}/activations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "activations")
public class FunctionActivationResource {

    @Inject
    private ActivationService activations;

    @Inject
    private Caller caller;

    @GET
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN, Role.INVOKER})
    @Operation(
            operationId = "listFunctionActivations",
            summary = "List a function's activations",
            description = "Newest first. Only the activations of the function that now has the name: those of"
                    + " a deleted function of the same name were deleted with it.")
    @APIResponse(
            responseCode = "200",
            description = "The activations",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ActivationDto.class)))
    @APIResponse(responseCode = "400", description = "limit is not a whole number from 1 to 500")
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    @APIResponse(responseCode = "503", description = ApiResponses.ANSWERS_BUSY)
    public StreamingOutput list(
            @PathParam("name") String name,
            @QueryParam("limit")
                    @Parameter(
                            description =
                                    "At most this many, from 1 to " + ListLimit.MAX + "; default " + ListLimit.DEFAULT,
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
                    String limit) {
        return JsonTextBodies.of(activations.listForFunction(caller, name, ListLimit.parse(limit)).stream()
                .map(ActivationDto::from)
                .toList());
    }
}
