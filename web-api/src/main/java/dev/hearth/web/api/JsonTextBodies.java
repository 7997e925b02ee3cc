package dev.hearth.web.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.scheduler.application.JsonText;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the record DTOs that inline text someone else wrote ({@link JsonText}: a function's
 * result, an event), and lists of them, as JSON-B would, but with that text copied as it is: JSON-B
 * can only write JSON-P values, and a tree of a function's 6 MiB {@code [0,0,…]} takes about 70 MiB
 * of Payara's heap (docs/adr/0050). Each other property is written by JSON-B, in JSON-B's default
 * order (by name) and left out when null, so a document reads as before. Resources answer such a
 * document as the {@link StreamingOutput} {@link #of} gives: a {@code MessageBodyWriter} of them
 * would compete with Payara's JSON-B provider for every type, and lose.
 */
final class JsonTextBodies {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonTextBodies() {}

    /** {@code document}, a record or a list of records, as the body of an answer. */
    static StreamingOutput of(Object document) {
        return entityStream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(entityStream, UTF_8));
            write(document, out);
            out.flush();
        };
    }

    /** {@code value}, a record or a list of records, as JSON. */
    private static void write(Object value, Writer out) throws IOException {
        if (value instanceof List<?> list) {
            out.write('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                writeRecord((Record) list.get(i), out);
            }
            out.write(']');
        } else {
            writeRecord((Record) value, out);
        }
    }

    private static void writeRecord(Record record, Writer out) throws IOException {
        out.write('{');
        boolean first = true;
        RecordComponent[] components = record.getClass().getRecordComponents();
        Arrays.sort(components, Comparator.comparing(RecordComponent::getName));
        for (RecordComponent component : components) {
            Object property = property(record, component);
            if (property == null) {
                continue;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write(JSON.createValue(component.getName()).toString());
            out.write(':');
            out.write(property instanceof JsonText text ? text.json() : JSONB.toJson(property));
        }
        out.write('}');
    }

    private static Object property(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
