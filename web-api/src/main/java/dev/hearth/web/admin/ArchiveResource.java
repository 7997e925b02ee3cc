package dev.hearth.web.admin;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.MeteringService;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import dev.hearth.web.admin.MeteringDtos.ArchiveDto;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The archives of activation records past the retention, one {@code .tar.gz} per day. */
@Path("admin/archives")
@RequestScoped
@RolesAllowed(Role.ADMIN)
@Tag(name = "admin")
public class ArchiveResource {

    @Inject
    private MeteringService metering;

    @Inject
    private Caller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listActivationArchives", summary = "Every day's activation archive, oldest first")
    @APIResponse(responseCode = "200", description = "The archives: day, size and record count")
    public List<ArchiveDto> archives() {
        return metering.archives(caller).stream().map(ArchiveDto::from).toList();
    }

    @GET
    @Path("{day}")
    @Produces("application/gzip")
    @Operation(
            operationId = "downloadActivationArchive",
            summary = "Download a day's activation archive",
            description = "A .tar.gz holding activations-DAY.jsonl: one JSON object per record, every field of it,"
                    + " the log tail included.")
    @APIResponse(
            responseCode = "200",
            description = "The archive",
            content =
                    @Content(
                            mediaType = "application/gzip",
                            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "The day is not a date (YYYY-MM-DD)")
    @APIResponse(responseCode = "404", description = "No archive of that day")
    public Response download(@PathParam("day") String day) {
        LocalDate date;
        try {
            date = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new HearthException(ProblemType.INVALID_REQUEST, "the day is not a date (YYYY-MM-DD): " + day);
        }
        return Response.ok(metering.archive(caller, date), metering.archiveMediaType())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + metering.archiveFileName(date) + "\"")
                .build();
    }
}
