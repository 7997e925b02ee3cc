package dev.hearth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document that Payara serves for the deployed EAR, read as the user of a client
 * generator reads it: the API's operations and nothing else, schemas a generator can use, every
 * error a problem document of one schema, what refuses a body, and the bearer scheme.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiDocumentIT {

    /** The API's contract: every operation, and no other (the console is no part of it). */
    private static final Set<String> OPERATIONS = Set.of(
            "GET /api/v1/activations/{id}",
            "GET /api/v1/activations/{id}/logs",
            "GET /api/v1/admin/archives",
            "GET /api/v1/admin/archives/{day}",
            "GET /api/v1/admin/hosts",
            "PUT /api/v1/admin/hosts/{hostId}/draining",
            "POST /api/v1/admin/jobs/retention",
            "POST /api/v1/admin/jobs/usage-rollup",
            "GET /api/v1/admin/jobs/{job}/executions/{executionId}",
            "GET /api/v1/admin/instances",
            "DELETE /api/v1/admin/instances/{instanceId}",
            "GET /api/v1/admin/pools",
            "PUT /api/v1/admin/pools/{runtime}",
            "GET /api/v1/admin/retention",
            "PUT /api/v1/admin/retention",
            "GET /api/v1/admin/settings",
            "PUT /api/v1/admin/settings",
            "POST /api/v1/aux/invocations/{invocationId}/logs",
            "POST /api/v1/aux/invocations/{invocationId}/metrics",
            "GET /api/v1/aux/kv/{key}",
            "PUT /api/v1/aux/kv/{key}",
            "DELETE /api/v1/aux/kv/{key}",
            "GET /api/v1/functions",
            "GET /api/v1/functions/{name}",
            "PUT /api/v1/functions/{name}",
            "DELETE /api/v1/functions/{name}",
            "GET /api/v1/functions/{name}/activations",
            "GET /api/v1/functions/{name}/async-settings",
            "PUT /api/v1/functions/{name}/async-settings",
            "GET /api/v1/functions/{name}/dead-letters",
            "GET /api/v1/functions/{name}/dead-letters/{id}",
            "DELETE /api/v1/functions/{name}/dead-letters/{id}",
            "POST /api/v1/functions/{name}/dead-letters/{id}/redrive",
            "GET /api/v1/functions/{name}/grants",
            "POST /api/v1/functions/{name}/jobs",
            "PUT /api/v1/functions/{name}/grants/{principal}",
            "DELETE /api/v1/functions/{name}/grants/{principal}",
            "POST /api/v1/functions/{name}/invocations",
            "GET /api/v1/functions/{name}/metrics",
            "GET /api/v1/functions/{name}/schedules",
            "GET /api/v1/functions/{name}/schedules/{schedule}",
            "PUT /api/v1/functions/{name}/schedules/{schedule}",
            "DELETE /api/v1/functions/{name}/schedules/{schedule}",
            "GET /api/v1/functions/{name}/secrets",
            "PUT /api/v1/functions/{name}/secrets/{secret}",
            "DELETE /api/v1/functions/{name}/secrets/{secret}",
            "GET /api/v1/usage",
            "GET /api/v1/jobs",
            "GET /api/v1/jobs/{id}",
            "POST /api/v1/jobs/{id}/stop",
            "POST /api/v1/jobs/{id}/restart",
            "GET /api/v1/jobs/{id}/results");

    private static final List<String> METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final String PROBLEM = "application/problem+json";

    private static JsonObject document;

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @BeforeAll
    static void fetchTheDocument() {
        HearthApi.Answer answer =
                HearthApi.send(HttpRequest.newBuilder(URI.create(HearthApi.API.replaceFirst("/api/v1$", "/openapi")))
                        .header("Accept", "application/json"));
        assertEquals(200, answer.status(), answer.body());
        document = answer.json();
    }

    @Test
    void describesEveryOperationOfTheApiAndNothingElse() {
        Set<String> described = new TreeSet<>();
        operations().forEach((operation, where) -> described.add(where));
        assertEquals(new TreeSet<>(OPERATIONS), described);
    }

    @Test
    void declaresNoSchemaThatForbidsEveryProperty() {
        List<String> found = new ArrayList<>();
        findMaxPropertiesZero(document, "#", found);
        assertEquals(List.of(), found, "maxProperties: 0 would make every object invalid");
    }

    @Test
    void namesEachTagOnceAndEveryOperationsTagIsDeclared() {
        List<String> names = document.getJsonArray("tags").getValuesAs(JsonObject.class).stream()
                .map(tag -> tag.getString("name"))
                .toList();
        assertEquals(new HashSet<>(names).size(), names.size(), names.toString());
        operations().forEach((operation, where) -> {
            JsonArray tags = operation.getJsonArray("tags");
            assertTrue(tags != null && !tags.isEmpty(), where + " has a tag");
            tags.getValuesAs(JsonValue.class)
                    .forEach(tag -> assertTrue(
                            names.contains(((jakarta.json.JsonString) tag).getString()), where + ": " + tag));
        });
    }

    /**
     * A function's result or an event is inlined as JSON: the document does not show the Java type
     * that carries it (a JsonText's one property); Payara calls it an object.
     */
    @Test
    void aFunctionsTextIsInlinedJson() {
        for (String field :
                List.of("InvocationResult.result", "Activation.result", "DeadLetter.event", "Schedule.event")) {
            String[] schemaAndProperty = field.split("\\.");
            JsonObject property = resolve(
                    schema(schemaAndProperty[0]).getJsonObject("properties").getJsonObject(schemaAndProperty[1]));
            assertEquals(null, property.get("properties"), field + ": " + property);
        }
    }

    @Test
    void dateTimesAreStringsInDateTimeFormat() {
        for (String field : List.of(
                "Activation.startedAt",
                "Function.createdAt",
                "Function.updatedAt",
                "Grant.grantedAt",
                "DeadLetter.acceptedAt",
                "DeadLetter.deadAt",
                "Schedule.nextRunAt",
                "Schedule.updatedAt",
                "Usage.hour",
                "ActivationArchive.archivedAt")) {
            String[] schemaAndProperty = field.split("\\.");
            JsonObject property = resolve(
                    schema(schemaAndProperty[0]).getJsonObject("properties").getJsonObject(schemaAndProperty[1]));
            assertEquals("string", property.getString("type", null), field + ": " + property);
            assertEquals("date-time", property.getString("format", null), field + ": " + property);
        }
    }

    @Test
    void everyErrorIsAProblemDocumentOfTheOneProblemSchema() {
        operations().forEach((operation, where) -> {
            JsonObject responses = operation.getJsonObject("responses");
            assertTrue(
                    responses.keySet().containsAll(List.of("401", "403", "500")),
                    where + " names the errors every operation can give: " + responses.keySet());
            for (String status : responses.keySet()) {
                if (status.startsWith("4") || status.startsWith("5")) {
                    JsonObject content = responses.getJsonObject(status).getJsonObject("content");
                    assertEquals(Set.of(PROBLEM), content.keySet(), where + " " + status);
                    assertEquals(
                            "#/components/schemas/Problem",
                            content.getJsonObject(PROBLEM)
                                    .getJsonObject("schema")
                                    .getString("$ref"),
                            where + " " + status);
                }
            }
        });
        assertTrue(
                schema("Problem")
                        .getJsonObject("properties")
                        .keySet()
                        .containsAll(List.of("type", "title", "status", "detail", "instance", "errors")),
                schema("Problem").toString());
    }

    /**
     * Every body the API reads can be refused: 400 when it is not what the operation reads, 413
     * past its bound (a record DTO's JSON: 2 MiB, WholeJsonBodies).
     */
    @Test
    void everyOperationThatTakesABodyNamesItsRefusals() {
        Set<String> unnamed = new TreeSet<>();
        operations().forEach((operation, where) -> {
            if (operation.containsKey("requestBody")) {
                Set<String> refusals = new TreeSet<>(Set.of("400", "413"));
                refusals.removeAll(operation.getJsonObject("responses").keySet());
                if (!refusals.isEmpty()) {
                    unnamed.add(where + " " + refusals);
                }
            }
        });
        assertEquals(Set.of(), unnamed, "operations that take a body but do not name these refusals");
    }

    @Test
    void everyOperationTakesABearerJwt() {
        JsonObject bearer = document.getJsonObject("components")
                .getJsonObject("securitySchemes")
                .getJsonObject("bearer");
        assertEquals("http", bearer.getString("type"));
        assertEquals("bearer", bearer.getString("scheme"));
        assertEquals("JWT", bearer.getString("bearerFormat"));
        assertEquals(
                Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("bearer", Json.createArrayBuilder()))
                        .build(),
                document.getJsonArray("security"));
        operations()
                .forEach((operation, where) ->
                        assertFalse(operation.containsKey("security"), where + " keeps the document's requirement"));
    }

    /** Each operation with its "METHOD path". */
    private static Map<JsonObject, String> operations() {
        Map<JsonObject, String> operations = new java.util.IdentityHashMap<>();
        document.getJsonObject("paths")
                .forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
                    if (METHODS.contains(method)) {
                        operations.put(
                                operation.asJsonObject(), method.toUpperCase(java.util.Locale.ROOT) + " " + path);
                    }
                }));
        return operations;
    }

    private static JsonObject schema(String name) {
        JsonObject schema =
                document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
        assertTrue(schema != null, "components/schemas/" + name);
        return schema;
    }

    /** The schema itself, or the component its $ref names. */
    private static JsonObject resolve(JsonObject schema) {
        String ref = schema.getString("$ref", null);
        return ref == null ? schema : schema(ref.substring("#/components/schemas/".length()));
    }

    private static void findMaxPropertiesZero(JsonValue value, String where, List<String> found) {
        if (value instanceof JsonObject object) {
            object.forEach((key, member) -> {
                if (key.equals("maxProperties") && member.toString().equals("0")) {
                    found.add(where);
                }
                findMaxPropertiesZero(member, where + "/" + key, found);
            });
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                findMaxPropertiesZero(array.get(i), where + "/" + i, found);
            }
        }
    }
}
