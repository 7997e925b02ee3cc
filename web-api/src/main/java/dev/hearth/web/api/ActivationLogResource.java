package dev.hearth.web.api;

import dev.hearth.scheduler.application.AuxiliaryService;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The structured lines an activation's trusted portion sent to the log sink, for its owner. */
@Path("activations/{id}/logs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auxiliary")
public class ActivationLogResource {

    @Inject
    private AuxiliaryService aux;

    @Inject
    private Caller caller;

    /** A structured log line. */
    @Schema(name = "LogLine")
    public record LogLineDto(String recordedAt, String level, String message, String fields) {}

    @GET
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(
            operationId = "listActivationLogs",
            summary = "The structured lines the activation's trusted portion sent to the log sink")
    @APIResponse(
            responseCode = "200",
            description = "The lines, oldest first (fields is the JSON text of an object, or null)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = LogLineDto.class)))
    @APIResponse(responseCode = "404", description = "Not the caller's activation")
    @APIResponse(responseCode = "503", description = ApiResponses.ANSWERS_BUSY)
    public List<LogLineDto> logs(@PathParam("id") String activationId) {
        List<LogLineDto> lines = aux.logs(caller, activationId).stream()
                .map(l -> new LogLineDto(l.recordedAt(), l.level(), l.message(), l.fieldsJson()))
                .toList();
        // Up to 1,000 lines of up to 64 KiB of requests each: counted as an answer until written.
        RequestMemory.claimAnswer(
                lines.stream()
                        .mapToLong(l -> l.message().length()
                                + (l.fields() == null ? 0 : l.fields().length()))
                        .sum(),
                false);
        return lines;
    }
}
