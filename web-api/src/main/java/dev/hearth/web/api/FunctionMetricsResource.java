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

/** A function's custom metrics, from the metrics sink, for its owner. */
@Path("functions/{name}/metrics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auxiliary")
public class FunctionMetricsResource {

    @Inject
    private AuxiliaryService aux;

    @Inject
    private Caller caller;

    /** A custom metric over the samples of the activations not yet archived. */
    @Schema(
            name = "Metric",
            description = "A custom metric over its samples of the activations still kept: those of an archived"
                    + " activation went with it")
    public record MetricDto(String name, long count, double sum, double min, double max, String unit) {}

    @GET
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN})
    @Operation(
            operationId = "listFunctionMetrics",
            summary = "A function's custom metrics, by name (the first 1,000 names), over the activations"
                    + " not yet archived")
    @APIResponse(
            responseCode = "200",
            description = "The metrics",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MetricDto.class)))
    @APIResponse(responseCode = "404", description = ApiResponses.FUNCTION_NOT_FOUND)
    public List<MetricDto> metrics(@PathParam("name") String name) {
        return aux.metrics(caller, name).stream()
                .map(m -> new MetricDto(m.name(), m.count(), m.sum(), m.min(), m.max(), m.unit()))
                .toList();
    }
}
