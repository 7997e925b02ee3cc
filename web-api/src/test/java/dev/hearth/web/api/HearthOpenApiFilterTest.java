package dev.hearth.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;
import org.eclipse.microprofile.openapi.spi.OASFactoryResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HearthOpenApiFilterTest {

    private final HearthOpenApiFilter filter = new HearthOpenApiFilter();

    @BeforeAll
    static void useMapBackedModels() {
        OASFactoryResolver.setInstance(new MapBackedOpenApiModels());
    }

    @Test
    void everyErrorResponseBecomesAProblemOfTheOneSchema() {
        Operation getFunction = OASFactory.createOperation()
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", response("The function"))
                        .addAPIResponse("404", response("No such function")));

        filter.filterOpenAPI(documentWith("/api/v1/functions/{name}", getFunction));

        Map<String, APIResponse> responses = getFunction.getResponses().getAPIResponses();
        for (String status : List.of("401", "403", "404", "500")) {
            MediaType problem = responses.get(status).getContent().getMediaType("application/problem+json");
            assertEquals("#/components/schemas/Problem", problem.getSchema().getRef(), status);
        }
        assertNull(responses.get("200").getContent(), "a success is no problem");
        assertEquals("No such function", responses.get("404").getDescription());
    }

    @Test
    void theErrorsOfEveryOperationAreAddedOnlyWhereTheOperationDoesNotDescribeThem() {
        Operation appendLogs = OASFactory.createOperation()
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("204", response("Recorded"))
                        .addAPIResponse("401", response("No credential of a running invocation")));
        Operation listHosts = OASFactory.createOperation();

        OpenAPI document = documentWith("/api/v1/aux/invocations/{invocationId}/logs", appendLogs);
        document.getPaths()
                .addPathItem("/api/v1/admin/hosts", OASFactory.createPathItem().GET(listHosts));
        filter.filterOpenAPI(document);

        APIResponses aux = appendLogs.getResponses();
        assertEquals(
                "No credential of a running invocation",
                aux.getAPIResponse("401").getDescription());
        assertEquals(ApiResponses.FORBIDDEN, aux.getAPIResponse("403").getDescription());
        assertEquals(ApiResponses.UNEXPECTED, aux.getAPIResponse("500").getDescription());
        assertEquals(
                List.of("401", "403", "500"),
                List.copyOf(listHosts.getResponses().getAPIResponses().keySet()),
                "an operation that declares no response still names the errors it can give");
    }

    @Test
    void anErrorResponseWithContentOfItsOwnKeepsIt() {
        Schema text = OASFactory.createSchema().type(Schema.SchemaType.STRING);
        APIResponse declared = response("Bad gateway")
                .content(OASFactory.createContent()
                        .addMediaType("text/plain", OASFactory.createMediaType().schema(text)));
        Operation operation = OASFactory.createOperation()
                .responses(OASFactory.createAPIResponses().addAPIResponse("502", declared));

        filter.filterOpenAPI(documentWith("/api/v1/x", operation));

        APIResponse kept = operation.getResponses().getAPIResponse("502");
        assertEquals(
                List.of("text/plain"),
                List.copyOf(kept.getContent().getMediaTypes().keySet()));
        assertSame(text, kept.getContent().getMediaType("text/plain").getSchema());
    }

    @Test
    void eachTagOnceKeepingTheDescription() {
        OpenAPI document = OASFactory.createOpenAPI()
                .tags(List.of(
                        tag("functions", null),
                        tag("activations", "Records of past invocations"),
                        tag("functions", "Deploying and managing functions"),
                        tag("activations", null)));

        filter.filterOpenAPI(document);

        assertEquals(
                List.of("functions: Deploying and managing functions", "activations: Records of past invocations"),
                document.getTags().stream()
                        .map(tag -> tag.getName() + ": " + tag.getDescription())
                        .toList());
    }

    @Test
    void payarasDefaultValuedSchemaAttributesAreDropped() {
        Schema written = OASFactory.createSchema()
                .type(Schema.SchemaType.STRING)
                .maxProperties(0)
                .minProperties(0)
                .minLength(0)
                .nullable(false)
                .readOnly(false)
                .uniqueItems(false);
        Schema bounded = OASFactory.createSchema()
                .type(Schema.SchemaType.OBJECT)
                .maxProperties(3)
                .nullable(true);

        filter.filterSchema(written);
        filter.filterSchema(bounded);

        assertNull(written.getMaxProperties());
        assertNull(written.getMinProperties());
        assertNull(written.getMinLength());
        assertNull(written.getNullable());
        assertNull(written.getReadOnly());
        assertNull(written.getUniqueItems());
        assertEquals(Schema.SchemaType.STRING, written.getType());
        assertEquals(3, bounded.getMaxProperties(), "a bound the annotation set stays");
        assertEquals(true, bounded.getNullable());
    }

    private static OpenAPI documentWith(String path, Operation get) {
        return OASFactory.createOpenAPI()
                .paths(OASFactory.createPaths()
                        .addPathItem(path, OASFactory.createPathItem().GET(get)));
    }

    private static APIResponse response(String description) {
        return OASFactory.createAPIResponse().description(description);
    }

    private static Tag tag(String name, String description) {
        return OASFactory.createTag().name(name).description(description);
    }
}
