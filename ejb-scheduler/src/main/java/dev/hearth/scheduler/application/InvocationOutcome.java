package dev.hearth.scheduler.application;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;

/** What the caller of an invocation gets back: the function's payload and its activation. */
public record InvocationOutcome(ActivationView activation, String payload) {

    /** Looked up once: {@code Json.createReader} searches for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public boolean succeeded() {
        return "success".equals(activation.status());
    }

    /** The payload as JSON ({@link #asJson}). */
    public JsonValue payloadAsJson() {
        return asJson(payload);
    }

    /**
     * A function's text (its payload, an event) as JSON: as it is when it is JSON, a JSON string
     * when it is other text, null when there is none.
     */
    public static JsonValue asJson(String text) {
        if (text == null || text.isBlank()) {
            return JsonValue.NULL;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonParsingException notJson) {
            return JSON.createValue(text);
        }
    }
}
