package dev.hearth.web.api;

import static dev.hearth.web.api.ApiResponses.FORBIDDEN;
import static dev.hearth.web.api.ApiResponses.FUNCTION_NOT_FOUND;

import dev.hearth.domain.rules.Limits;
import dev.hearth.scheduler.application.FunctionService;
import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("functions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "functions")
public class FunctionResource {

    static final String ZIP = "application/zip";
    static final String GZIP = "application/gzip";

    @Inject
    private FunctionService functions;

    @Inject
    private Caller caller;

    @Context
    private UriInfo uriInfo;

    @PUT
    @Path("{name}")
    @Consumes({ZIP, GZIP, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(
            operationId = "deployFunction",
            summary = "Deploy a function",
            description = "Creates the function, or replaces the code of the caller's function of that name. The"
                    + " body is a zip or tar.gz archive (at most 20 MiB) with a hearth.json manifest at its root."
                    + " Nothing is stored when the archive is refused. A function deployed afresh (also under the"
                    + " name of a deleted one) is a new function: no activation, log, metric or grant of an earlier"
                    + " function of that name is its. warnings says when no host taking work can run it now.")
    @RequestBody(
            required = true,
            content = {
                @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = GZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(
                        mediaType = MediaType.APPLICATION_OCTET_STREAM,
                        schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(
            responseCode = "201",
            description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, required = true, description = "The function's URI"),
            content = @Content(schema = @Schema(implementation = FunctionDto.class)))
    @APIResponse(
            responseCode = "200",
            description = "The existing function's code was replaced",
            headers = @Header(name = HttpHeaders.LOCATION, required = true, description = "The function's URI"),
            content = @Content(schema = @Schema(implementation = FunctionDto.class)))
    @APIResponse(responseCode = "400", description = "Invalid name, archive or manifest; errors lists every problem")
    @APIResponse(responseCode = "403", description = FORBIDDEN + " (the name belongs to another user)")
    @APIResponse(
            responseCode = "409",
            description = "A new function past the caller's " + Limits.MAX_FUNCTIONS_PER_OWNER
                    + " (quota-exceeded); replacing one's code is not new")
    @APIResponse(responseCode = "413", description = "Archive larger than 20 MiB")
    @APIResponse(responseCode = "503", description = "The archive waits: " + ApiResponses.SERVER_BUSY)
    @APIResponse(
            responseCode = "415",
            description = "Content-Type is not application/zip, application/gzip or application/octet-stream")
    public Response deploy(
            @PathParam("name")
                    @Parameter(
                            required = true,
                            description = "1 to 63 of a-z, 0-9 and hyphens, starting with a letter or digit")
                    String name,
            @Context HttpHeaders headers,
            InputStream body)
            throws IOException {
        byte[] archive = RequestBodies.readAtMost(body, headers.getLength(), Limits.MAX_ARCHIVE_BYTES, "The archive");
        // The service does not say whether it created the function; two concurrent first deploys
        // may therefore both answer 201.
        boolean existed = exists(name);
        FunctionDto deployed = FunctionDto.from(functions.deploy(caller, name, archive));
        return Response.status(existed ? Response.Status.OK : Response.Status.CREATED)
                .location(uriInfo.getAbsolutePath())
                .entity(deployed)
                .build();
    }

    @GET
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(
            operationId = "listFunctions",
            summary = "List functions",
            description = "The caller's own functions; an admin sees all.")
    @APIResponse(
            responseCode = "200",
            description = "The functions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FunctionDto.class)))
    public List<FunctionDto> list() {
        return functions.list(caller).stream().map(FunctionDto::from).toList();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(operationId = "getFunction", summary = "Read a function")
    @APIResponse(
            responseCode = "200",
            description = "The function",
            content = @Content(schema = @Schema(implementation = FunctionDto.class)))
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    public FunctionDto get(@PathParam("name") String name) {
        return FunctionDto.from(functions.get(caller, name));
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(
            operationId = "deleteFunction",
            summary = "Delete a function",
            description = "Deletes the function with its activations, log lines, metrics and grants. The"
                    + " key-value store is its owner's and stays.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    public void delete(@PathParam("name") String name) {
        functions.delete(caller, name);
    }

    private boolean exists(String name) {
        try {
            functions.get(caller, name);
            return true;
        } catch (HearthException absent) {
            if (absent.type() != ProblemType.FUNCTION_NOT_FOUND) {
                throw absent;
            }
            return false;
        }
    }
}
