package dev.hearth.web.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.scheduler.application.JsonText;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the record DTOs that inline text someone else wrote ({@link JsonText}: a function's
 * result, an event), and lists of them, as JSON-B would, but with that text copied as it is: JSON-B
 * can only write JSON-P values, and a tree of a function's 6 MiB {@code [0,0,…]} takes about 110
 * MiB of Payara's heap (docs/adr/0050). Each other property is written by JSON-B, in JSON-B's
 * default order (by name) and left out when null, so a document reads as before.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class JsonTextBodies implements MessageBodyWriter<Object> {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonProvider JSON = JsonProvider.provider();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        if (List.class.isAssignableFrom(type)) {
            return genericType instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element
                    && inlinesJsonText(element);
        }
        return inlinesJsonText(type);
    }

    private static boolean inlinesJsonText(Class<?> type) {
        return type.isRecord()
                && Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.getType() == JsonText.class);
    }

    @Override
    public void writeTo(
            Object value,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders,
            OutputStream entityStream)
            throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(entityStream, UTF_8));
        write(value, out);
        out.flush();
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
