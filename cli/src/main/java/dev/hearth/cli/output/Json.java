package dev.hearth.cli.output;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;

/** JSON text in and out (JSON-P), and the few reads the CLI makes of answers. */
public final class Json {

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonWriterFactory PRETTY =
            PROVIDER.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private Json() {}

    public static JsonProvider provider() {
        return PROVIDER;
    }

    /** The JSON value of {@code text}, or empty when it is not JSON. */
    public static Optional<JsonValue> parse(String text) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
            return Optional.of(reader.readValue());
        } catch (JsonException notJson) {
            return Optional.empty();
        }
    }

    public static String pretty(JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT && value.getValueType() != JsonValue.ValueType.ARRAY) {
            return value.toString();
        }
        StringWriter text = new StringWriter();
        try (JsonWriter writer = PRETTY.createWriter(text)) {
            writer.write(value);
        }
        return text.toString().strip();
    }

    /** A member's text: a string as it is, a number or literal as JSON writes it, absent or null as "". */
    public static String text(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value == null || value == JsonValue.NULL) {
            return "";
        }
        return value.getValueType() == JsonValue.ValueType.STRING ? object.getString(key) : value.toString();
    }
}
