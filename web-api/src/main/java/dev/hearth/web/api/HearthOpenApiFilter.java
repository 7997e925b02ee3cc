package dev.hearth.web.api;

import dev.hearth.web.problem.Problem;
import dev.hearth.web.problem.ProblemDocument;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Finishes the OpenAPI document (configured as {@code mp.openapi.filter}). Every error response
 * is a problem: the operations declare only each error's status and description, and this filter
 * gives each the {@code application/problem+json} content with the {@code Problem} schema, declared
 * once under components. It also repairs two faults of Payara 6.2025.9: it writes every attribute
 * of a {@code @Schema} annotation, defaults included, so that each annotated schema claims {@code
 * maxProperties: 0}; and it repeats a tag for every class that names it.
 */
public class HearthOpenApiFilter implements OASFilter {

    /** The name of {@link ProblemDocument}'s schema under components. */
    static final String PROBLEM_SCHEMA = "Problem";

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
        declareProblems(openAPI);
        List<Tag> tags = openAPI.getTags();
        if (tags == null) {
            return;
        }
        Map<String, Tag> byName = new LinkedHashMap<>();
        for (Tag tag : tags) {
            Tag kept = byName.putIfAbsent(tag.getName(), tag);
            if (kept != null && kept.getDescription() == null) {
                byName.put(tag.getName(), tag);
            }
        }
        openAPI.setTags(List.copyOf(byName.values()));
    }

    /** Every 4xx and 5xx response without content of its own answers a problem document. */
    private static void declareProblems(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean anyProblem = false;
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                    continue;
                }
                for (Map.Entry<String, APIResponse> response :
                        operation.getResponses().getAPIResponses().entrySet()) {
                    if (isError(response.getKey()) && hasNoContent(response.getValue())) {
                        response.getValue()
                                .setContent(OASFactory.createContent()
                                        .addMediaType(
                                                Problem.MEDIA_TYPE,
                                                OASFactory.createMediaType()
                                                        .schema(OASFactory.createSchema()
                                                                .ref(PROBLEM_SCHEMA))));
                        anyProblem = true;
                    }
                }
            }
        }
        if (anyProblem) {
            declareProblemSchema(openAPI);
        }
    }

    private static boolean isError(String code) {
        return code.startsWith("4") || code.startsWith("5");
    }

    private static boolean hasNoContent(APIResponse response) {
        return response.getRef() == null
                && (response.getContent() == null
                        || response.getContent().getMediaTypes() == null
                        || response.getContent().getMediaTypes().isEmpty());
    }

    /**
     * The {@code Problem} schema from {@link ProblemDocument}'s annotations, unless the scan put it
     * there already (no operation names the class, so it may not).
     */
    private static void declareProblemSchema(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas != null && schemas.containsKey(PROBLEM_SCHEMA)) {
            return;
        }
        org.eclipse.microprofile.openapi.annotations.media.Schema documented =
                ProblemDocument.class.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        Schema problem =
                OASFactory.createSchema().type(Schema.SchemaType.OBJECT).description(documented.description());
        for (RecordComponent member : ProblemDocument.class.getRecordComponents()) {
            org.eclipse.microprofile.openapi.annotations.media.Schema annotation =
                    member.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
            Schema property = member.getType() == List.class
                    ? OASFactory.createSchema()
                            .type(Schema.SchemaType.ARRAY)
                            .items(OASFactory.createSchema().type(Schema.SchemaType.STRING))
                    : OASFactory.createSchema()
                            .type(member.getType() == int.class ? Schema.SchemaType.INTEGER : Schema.SchemaType.STRING);
            property.description(annotation.description());
            if (!annotation.example().isEmpty()) {
                property.example(annotation.example());
            }
            problem.addProperty(member.getName(), property);
        }
        openAPI.getComponents().addSchema(PROBLEM_SCHEMA, problem);
    }
}
