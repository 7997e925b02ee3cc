package dev.hearth.scheduler.application;

import dev.hearth.protocol.wire.json.WholeJson;
import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;

/**
 * Text someone else wrote (a function's result, an event) as the JSON text an answer inlines: the
 * text itself when it is one whole JSON value, else a JSON string of it, {@code null} when there is
 * none. It is checked with the streaming parser and kept as text, never as a tree of JSON-P values:
 * a function's 6 MiB {@code [0, 0, …]} is about 70 MiB as a tree and stays 6 MiB as text
 * (docs/adr/0050). Written out as it is, character for character.
 */
public record JsonText(String json) {

    public static final JsonText NULL = new JsonText("null");

    /** Looked up once: {@code Json.createValue} searches for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** {@code text} as JSON: as it is when it is JSON, a JSON string when it is other text. */
    public static JsonText of(String text) {
        if (text == null || text.isBlank()) {
            return NULL;
        }
        try {
            return new JsonText(WholeJson.check(text));
        } catch (JsonException notJson) {
            return string(text);
        }
    }

    /** {@code text} as a JSON string, whatever it holds. */
    public static JsonText string(String text) {
        return new JsonText(JSON.createValue(text).toString());
    }

    /**
     * The same JSON on one line, for a JSON-lines file: in JSON a line end can only be white space
     * between tokens (within a string it is escaped), so each becomes a space.
     */
    public String oneLine() {
        return json.replace('\n', ' ').replace('\r', ' ');
    }

    @Override
    public String toString() {
        return json;
    }
}
