package dev.hearth.web.api;

import static dev.hearth.web.api.ApiResponses.FUNCTION_NOT_FOUND;
import static dev.hearth.web.api.ApiResponses.JSON_BODY_TOO_LARGE;

import dev.hearth.domain.rules.Limits;
import dev.hearth.scheduler.application.SecretService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

@Path("functions/{name}/secrets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "secrets")
public class SecretResource {

    @Inject
    private SecretService secrets;

    @Inject
    private Caller caller;

    @GET
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(operationId = "listSecrets", summary = "List a function's secrets: names and versions, never values")
    @APIResponse(
            responseCode = "200",
            description = "The secrets",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SecretDto.class)))
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    public List<SecretDto> list(@PathParam("name") String name) {
        return secrets.list(caller, name).stream().map(SecretDto::from).toList();
    }

    @PUT
    @Path("{secret}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(
            operationId = "setSecret",
            summary = "Set or rotate a secret",
            description = "Stores the value encrypted; the trusted portions that name the secret in the manifest"
                    + " receive it from their next invocation on, as a file in /run/hearth/secrets. Setting it"
                    + " again rotates it. Only the function's owner (or an admin) may.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = SecretDto.class)))
    @APIResponse(
            responseCode = "200",
            description = "Rotated: a new version",
            content = @Content(schema = @Schema(implementation = SecretDto.class)))
    @APIResponse(
            responseCode = "400",
            description = "The name is not a secret name, or the value is missing or too long")
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    @APIResponse(
            responseCode = "409",
            description = "A new secret past the " + Limits.MAX_SECRETS_PER_OWNER
                    + " of the function's owner, over all their functions"
                    + " (quota-exceeded); rotating one is not new")
    @APIResponse(responseCode = "413", description = JSON_BODY_TOO_LARGE)
    public Response set(
            @PathParam("name") String name,
            @PathParam("secret") @Parameter(description = "letters, digits and '_', at most 64", required = true)
                    String secret,
            SecretValueDto body) {
        SecretService.Stored stored = secrets.set(caller, name, secret, body == null ? null : body.value());
        return Response.status(stored.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(SecretDto.from(stored.secret()))
                .build();
    }

    @DELETE
    @Path("{secret}")
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(operationId = "deleteSecret", summary = "Delete a secret; invocations from then on do not receive it")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such function or secret")
    public void delete(@PathParam("name") String name, @PathParam("secret") String secret) {
        secrets.delete(caller, name, secret);
    }
}
