package dev.hearth.web.api;

import static dev.hearth.web.api.ApiResponses.FUNCTION_NOT_FOUND;
import static dev.hearth.web.api.ApiResponses.JSON_BODY_TOO_LARGE;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.scheduler.application.ScheduleService;
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
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("functions/{name}/schedules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schedules")
public class ScheduleResource {

    private static final String NO_SCHEDULE = "No such function (or not the caller's), or no such schedule";

    @Inject
    private ScheduleService schedules;

    @Inject
    private Caller caller;

    @GET
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(operationId = "listSchedules", summary = "List a function's schedules")
    @APIResponse(
            responseCode = "200",
            description = "The schedules, by name",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ScheduleDto.class)))
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    @APIResponse(responseCode = "503", description = ApiResponses.ANSWERS_BUSY)
    public StreamingOutput list(@PathParam("name") String name) {
        return JsonTextBodies.of(
                schedules.list(caller, name).stream().map(ScheduleDto::from).toList());
    }

    @GET
    @Path("{schedule}")
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(operationId = "getSchedule", summary = "Read a schedule, with its next run time")
    @APIResponse(
            responseCode = "200",
            description = "The schedule",
            content = @Content(schema = @Schema(implementation = ScheduleDto.class)))
    @APIResponse(responseCode = "404", description = NO_SCHEDULE)
    @APIResponse(responseCode = "503", description = ApiResponses.ANSWERS_BUSY)
    public StreamingOutput get(@PathParam("name") String name, @PathParam("schedule") String schedule) {
        return JsonTextBodies.of(ScheduleDto.from(schedules.get(caller, name, schedule)));
    }

    @PUT
    @Path("{schedule}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(
            operationId = "setSchedule",
            summary = "Create or change a schedule",
            description = "Runs the function at each time the cron expression names, in its time zone, once in"
                    + " the cluster, as an async invocation by the function's owner (no bearer token, so no"
                    + " credential: a function whose trusted portion asks for credential scopes is refused)."
                    + " Run times missed while Hearth was down run once, at the next start. A change starts the"
                    + " schedule afresh. A function has at most 10 schedules; only its owner (or an admin) may"
                    + " set them.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ScheduleDto.class)))
    @APIResponse(
            responseCode = "200",
            description = "Changed, or the same as before",
            content = @Content(schema = @Schema(implementation = ScheduleDto.class)))
    @APIResponse(
            responseCode = "400",
            description = "A bad name, cron expression, time zone or event; one schedule too many; or a function"
                    + " that needs its caller's credential")
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    @APIResponse(responseCode = "413", description = JSON_BODY_TOO_LARGE)
    @APIResponse(
            responseCode = "503",
            description = "The body waits: " + ApiResponses.SERVER_BUSY + "; or the caller's answers not yet read: "
                    + ApiResponses.ANSWERS_BUSY)
    public Response set(
            @PathParam("name") String name,
            @PathParam("schedule")
                    @Parameter(description = "lower-case letters, digits and dashes, at most 63", required = true)
                    String schedule,
            ScheduleRequestDto body) {
        if (body == null) {
            throw new HearthException(
                    ProblemType.INVALID_SCHEDULE, "the body needs a \"cron\" expression, e.g. \"*/5 * * * *\"");
        }
        // Its answer inlines its event and is held whatever the room once stored: asked before.
        RequestMemory.requireAnswerRoom();
        ScheduleService.Stored stored = schedules.put(
                caller,
                name,
                schedule,
                body.cron(),
                body.timezone(),
                body.event() == null ? null : body.event().toString());
        return Response.status(stored.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(JsonTextBodies.held(ScheduleDto.from(stored.schedule())))
                .build();
    }

    @DELETE
    @Path("{schedule}")
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(operationId = "deleteSchedule", summary = "Delete a schedule; it runs no more")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = NO_SCHEDULE)
    public void delete(@PathParam("name") String name, @PathParam("schedule") String schedule) {
        schedules.delete(caller, name, schedule);
    }
}
