package dev.hearth.web.api;

import static dev.hearth.web.api.ApiResponses.FUNCTION_NOT_FOUND;
import static dev.hearth.web.api.ApiResponses.JSON_BODY_TOO_LARGE;

import dev.hearth.scheduler.application.AsyncQueueService;
import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("functions/{name}/async-settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "async invocations")
public class AsyncSettingsResource {

    @Inject
    private AsyncQueueService async;

    @Inject
    private Caller caller;

    @GET
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(
            operationId = "getAsyncSettings",
            summary = "How a function's async invocations are retried",
            description = "Its own settings, or the defaults (2 retries, 6 hours). For its owner or an admin.")
    @APIResponse(
            responseCode = "200",
            description = "The settings in force",
            content = @Content(schema = @Schema(implementation = AsyncSettingsDto.class)))
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    public AsyncSettingsDto get(@PathParam("name") String name) {
        return AsyncSettingsDto.from(async.settings(caller, name));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(
            operationId = "changeAsyncSettings",
            summary = "Change how a function's async invocations are retried",
            description = "Applies to events queued before too, from their next attempt. For its owner or an admin.")
    @APIResponse(
            responseCode = "200",
            description = "The settings now in force",
            content = @Content(schema = @Schema(implementation = AsyncSettingsDto.class)))
    @APIResponse(responseCode = "400", description = "A value missing or out of its range")
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    @APIResponse(responseCode = "413", description = JSON_BODY_TOO_LARGE)
    public AsyncSettingsDto change(@PathParam("name") String name, AsyncSettingsDto settings) {
        if (settings == null || settings.maxRetries() == null || settings.maxEventAgeSeconds() == null) {
            throw new HearthException(ProblemType.INVALID_SETTINGS, "maxRetries and maxEventAgeSeconds are required");
        }
        return AsyncSettingsDto.from(
                async.changeSettings(caller, name, settings.maxRetries(), settings.maxEventAgeSeconds()));
    }
}
