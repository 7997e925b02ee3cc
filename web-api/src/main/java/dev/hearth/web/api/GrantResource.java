package dev.hearth.web.api;

import static dev.hearth.web.api.ApiResponses.FUNCTION_NOT_FOUND;

import dev.hearth.domain.rules.Limits;
import dev.hearth.scheduler.application.SharingService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("functions/{name}/grants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sharing")
public class GrantResource {

    @Inject
    private SharingService sharing;

    @Inject
    private Caller caller;

    @GET
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(operationId = "listGrants", summary = "List who else may invoke a function")
    @APIResponse(
            responseCode = "200",
            description = "The grants",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GrantDto.class)))
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    public List<GrantDto> list(@PathParam("name") String name) {
        return sharing.grants(caller, name).stream().map(GrantDto::from).toList();
    }

    @PUT
    @Path("{principal}")
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(
            operationId = "grantInvocation",
            summary = "Let a user or a realm role invoke a function",
            description = "The principal may invoke the function; it cannot read its code or configuration."
                    + " Only the function's owner (or an admin) may grant.")
    @APIResponse(
            responseCode = "201",
            description = "Granted",
            content = @Content(schema = @Schema(implementation = GrantDto.class)))
    @APIResponse(
            responseCode = "200",
            description = "Already granted",
            content = @Content(schema = @Schema(implementation = GrantDto.class)))
    @APIResponse(responseCode = "400", description = "The principal is not user:NAME or role:NAME")
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    @APIResponse(
            responseCode = "409",
            description = "A new principal past the " + Limits.MAX_GRANTS_PER_FUNCTION
                    + " the function may be granted to (quota-exceeded); granting one again is not new")
    public Response grant(
            @PathParam("name") String name,
            @PathParam("principal") @Parameter(description = "user:NAME or role:NAME", required = true)
                    String principal) {
        SharingService.Granted granted = sharing.grant(caller, name, principal);
        return Response.status(granted.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(GrantDto.from(granted.grant()))
                .build();
    }

    @DELETE
    @Path("{principal}")
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(operationId = "revokeInvocation", summary = "Take back a grant")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such function or grant")
    public void revoke(@PathParam("name") String name, @PathParam("principal") String principal) {
        sharing.revoke(caller, name, principal);
    }
}
