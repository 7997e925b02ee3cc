package dev.hearth.web.api;

import dev.hearth.web.problem.Problem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Finishes the OpenAPI document (configured as {@code mp.openapi.filter} in the application's
 * config, module {@code app-config}). Every error is a problem document, so the operations declare
 * only each error's status and description: this filter adds the errors every operation can give
 * (401, 403, 500) where an operation does not describe them itself, and gives every 4xx and 5xx
 * response the {@code application/problem+json} content with the one {@code Problem} schema
 * ({@code ProblemDocument}). It also repairs two faults of Payara 6.2025.9: it writes every
 * attribute of a {@code @Schema} annotation, defaults included, so that each annotated schema
 * claims {@code maxProperties: 0}; and it repeats a tag for every class that names it.
 */
public class HearthOpenApiFilter implements OASFilter {

    static final String PROBLEM_SCHEMA_REF = "#/components/schemas/Problem";

    /** Every operation needs a token and a role, and any may fail unexpectedly. */
    static final SortedMap<String, String> ERRORS_OF_EVERY_OPERATION =
            Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
                    "401", ApiResponses.UNAUTHENTICATED,
                    "403", ApiResponses.FORBIDDEN,
                    "500", ApiResponses.UNEXPECTED)));

    @Override
    public Schema filterSchema(Schema schema) {
        Integer zero = 0;
        if (zero.equals(schema.getMaxProperties())) {
            schema.setMaxProperties(null);
        }
        if (zero.equals(schema.getMinProperties())) {
            schema.setMinProperties(null);
        }
        if (zero.equals(schema.getMinLength())) {
            schema.setMinLength(null);
        }
        // false is each flag's default: dropping it changes nothing but the document's length
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        }
        if (Boolean.FALSE.equals(schema.getUniqueItems())) {
            schema.setUniqueItems(null);
        }
        if (Boolean.FALSE.equals(schema.getNullable())) {
            schema.setNullable(null);
        }
        if (Boolean.FALSE.equals(schema.getReadOnly())) {
            schema.setReadOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getWriteOnly())) {
            schema.setWriteOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getDeprecated())) {
            schema.setDeprecated(null);
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem path : openAPI.getPaths().getPathItems().values()) {
                path.getOperations().values().forEach(HearthOpenApiFilter::declareProblems);
            }
        }
        if (openAPI.getTags() != null) {
            openAPI.setTags(eachTagOnce(openAPI.getTags()));
        }
    }

    private static void declareProblems(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        ERRORS_OF_EVERY_OPERATION.forEach((status, description) -> {
            if (!responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
            }
        });
        responses.getAPIResponses().forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && hasNoContent(response)) {
                response.setContent(OASFactory.createContent()
                        .addMediaType(
                                Problem.MEDIA_TYPE,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA_REF))));
            }
        });
    }

    private static boolean hasNoContent(APIResponse response) {
        return response.getRef() == null
                && (response.getContent() == null
                        || response.getContent().getMediaTypes() == null
                        || response.getContent().getMediaTypes().isEmpty());
    }

    /** One tag per name, in the order of first mention, with a description where any mention has one. */
    private static List<Tag> eachTagOnce(List<Tag> tags) {
        Map<String, Tag> byName = new LinkedHashMap<>();
        for (Tag tag : tags) {
            Tag kept = byName.putIfAbsent(tag.getName(), tag);
            if (kept != null && kept.getDescription() == null) {
                byName.put(tag.getName(), tag);
            }
        }
        return List.copyOf(byName.values());
    }
}
