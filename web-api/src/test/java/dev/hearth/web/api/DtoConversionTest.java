package dev.hearth.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.FunctionView;
import dev.hearth.scheduler.application.InvocationOutcome;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DTOs as the API writes them: JSON-B (Yasson, as in Payara) over the converted views. */
class DtoConversionTest {

    private static final OffsetDateTime CREATED = OffsetDateTime.of(2025, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    private static Jsonb jsonb;

    @BeforeAll
    static void createJsonb() {
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        jsonb.close();
    }

    /** As the API writes it: by JSON-B, or by {@link JsonTextBodies} when it inlines a function's text. */
    private static JsonObject written(Object dto) {
        String json = dto instanceof FunctionDto ? jsonb.toJson(dto) : JsonTextBodiesTest.written(dto);
        return Json.createReader(new StringReader(json)).readObject();
    }

    static ActivationView activation(String status) {
        return activation(status, null, false);
    }

    private static ActivationView activation(String status, String result, boolean truncated) {
        return new ActivationView(
                "a-1", "hello", "dev", "invoker", "i-7", "h-1", "warm", status, CREATED, 2, 3, 6, "hi\n", result,
                truncated, null);
    }

    @Test
    void functionCarriesPortionsPolicyAndCode() {
        FunctionView view = new FunctionView(
                "hello",
                "dev",
                "provided",
                "main",
                List.of(new FunctionView.PortionView(
                        "main", "main", "bootstrap", "trusted", Map.of("TABLE", "orders"), List.of("api_key"))),
                new FunctionView.PolicyView(
                        128, 3000, 16, 64, 50, Map.of("GREETING", "hi"), List.of("api.example.com:443"), "vm"),
                "ab12",
                2048,
                CREATED,
                CREATED.plusMinutes(5),
                "lib",
                List.of("no healthy host offers runtime provided with isolation vm"));

        JsonObject json = written(FunctionDto.from(view));

        assertEquals("hello", json.getString("name"));
        assertEquals("dev", json.getString("owner"));
        assertEquals("main", json.getString("entryPortion"));
        JsonObject portion = json.getJsonArray("portions").getJsonObject(0);
        assertEquals("trusted", portion.getString("trustLevel"));
        assertEquals("orders", portion.getJsonObject("environment").getString("TABLE"));
        assertEquals("api_key", portion.getJsonArray("secrets").getString(0));
        assertEquals("lib", json.getString("sharedPath"));
        JsonObject policy = json.getJsonObject("policy");
        assertEquals(128, policy.getInt("memoryMb"));
        assertEquals(3000, policy.getInt("timeoutMillis"));
        assertEquals("hi", policy.getJsonObject("environment").getString("GREETING"));
        assertEquals("api.example.com:443", policy.getJsonArray("egress").getString(0));
        assertEquals("vm", policy.getString("isolation"));
        assertEquals(50, policy.getInt("cpuPercent"));
        assertEquals("ab12", json.getString("codeSha256"));
        assertEquals(2048, json.getInt("codeSize"));
        assertEquals(CREATED, OffsetDateTime.parse(json.getString("createdAt")));
        assertEquals(CREATED.plusMinutes(5), OffsetDateTime.parse(json.getString("updatedAt")));
        assertEquals(
                "no healthy host offers runtime provided with isolation vm",
                json.getJsonArray("warnings").getString(0));
    }

    @Test
    void activationKeepsEveryField() {
        JsonObject json = written(ActivationDto.from(activation("success")));

        assertEquals("a-1", json.getString("id"));
        assertEquals("hello", json.getString("functionName"));
        assertEquals("invoker", json.getString("caller"));
        assertEquals("i-7", json.getString("instanceId"));
        assertEquals("h-1", json.getString("hostId"));
        assertEquals("warm", json.getString("startKind"));
        assertEquals("success", json.getString("status"));
        assertEquals(2, json.getInt("initMillis"));
        assertEquals(3, json.getInt("runMillis"));
        assertEquals(6, json.getInt("durationMillis"));
        assertEquals("hi\n", json.getString("logTail"));
        assertFalse(json.containsKey("result"), "a synchronous invocation's activation has none");
        assertFalse(json.containsKey("resultTruncated"));
    }

    @Test
    void anAsyncActivationInlinesItsResultAndTheBeginningOfALongOneAsAString() {
        JsonObject json = written(ActivationDto.from(activation("success", "{\"n\":[1,2]}", false)));
        assertEquals(2, json.getJsonObject("result").getJsonArray("n").getInt(1));
        assertFalse(json.containsKey("resultTruncated"));

        json = written(ActivationDto.from(activation("success", "[0,0,0", true)));
        assertEquals("[0,0,0", json.getString("result"));
        assertTrue(json.getBoolean("resultTruncated"));
    }

    @Test
    void invocationInlinesTheFunctionsJsonResult() {
        JsonObject json = written(InvocationResult.from(
                new InvocationOutcome(activation("success"), "{\"greeting\":\"hi\",\"n\":[1,2]}")));

        assertEquals("a-1", json.getString("activationId"));
        assertEquals("success", json.getString("status"));
        assertEquals("warm", json.getString("startKind"));
        assertEquals("hi", json.getJsonObject("result").getString("greeting"));
        assertEquals(2, json.getJsonObject("result").getJsonArray("n").getInt(1));
        assertEquals(6, json.getInt("durationMillis"));
        assertEquals(2, json.getInt("initMillis"));
        assertEquals(3, json.getInt("runMillis"));
    }

    @Test
    void aFailedInvocationIsStillAnEnvelopeWithTheErrorReport() {
        JsonObject json = written(InvocationResult.from(new InvocationOutcome(
                activation("error"), "{\"errorMessage\":\"boom\",\"errorType\":\"Runtime.Error\"}")));

        assertEquals("error", json.getString("status"));
        assertEquals("boom", json.getJsonObject("result").getString("errorMessage"));
    }

    @Test
    void resultsThatAreNotJsonObjectsStayTrueToWhatTheFunctionReturned() {
        assertEquals(Json.createValue(42), payload("42"));
        assertEquals(Json.createValue("plain text"), payload("plain text"));
        assertEquals(JsonValue.NULL, payload(""));
        assertEquals(JsonValue.NULL, payload(null));

        JsonObject json = written(InvocationResult.from(new InvocationOutcome(activation("success"), null)));
        assertEquals(JsonValue.NULL, json.get("result"));
    }

    private static JsonValue payload(String text) {
        return written(InvocationResult.from(new InvocationOutcome(activation("success"), text)))
                .get("result");
    }
}
