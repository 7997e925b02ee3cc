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
 * document as the {@link StreamingOutput} {@link #of} (or {@link #held}) gives: a {@code MessageBodyWriter} of them
 * would compete with Payara's JSON-B provider for every type, and lose.
 *
 * <p>The text a document inlines counts against the answers {@link RequestMemory} holds at once
 * until its request ends, written: a client need not read it (docs/adr/0056).
 */
final class JsonTextBodies {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Each record type's components, sorted by name: looked up once, not for each document. */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Arrays.sort(components, Comparator.comparing(RecordComponent::getName));
            return components;
        }
    };

    private JsonTextBodies() {}

    /**
     * {@code document}, a record or a list of records, as the body of a read's answer; refused with
     * {@code 503 server-busy} when the answers held at once leave no room for it.
     */
    static StreamingOutput of(Object document) {
        RequestMemory.claimAnswer(inlinedChars(document), false);
        return written(document);
    }

    /**
     * {@code document} as the body of the answer to what has run (an invocation, a change made),
     * held whatever the room: refusing it would lose it.
     */
    static StreamingOutput held(Object document) {
        RequestMemory.claimAnswer(inlinedChars(document), true);
        return written(document);
    }

    private static StreamingOutput written(Object document) {
        return entityStream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(entityStream, UTF_8));
            write(document, out);
            out.flush();
        };
    }

    /** The characters of the {@link JsonText} that {@code document}, a record or a list of them, inlines. */
    private static long inlinedChars(Object document) {
        long chars = 0;
        for (Object record : document instanceof List<?> list ? list : List.of(document)) {
            for (RecordComponent component : COMPONENTS.get(record.getClass())) {
                if (component.getType() == JsonText.class
                        && property((Record) record, component) instanceof JsonText text) {
                    chars += text.json().length();
                }
            }
        }
        return chars;
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
        for (RecordComponent component : COMPONENTS.get(record.getClass())) {
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
