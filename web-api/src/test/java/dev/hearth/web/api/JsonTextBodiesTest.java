package dev.hearth.web.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.scheduler.application.InvocationOutcome;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTextBodiesTest {

    static final JsonTextBodies JSON_TEXT_BODIES = new JsonTextBodies();

    /** Lists as a resource method declares them. */
    @SuppressWarnings("unused")
    private static List<ActivationDto> activations;

    @SuppressWarnings("unused")
    private static List<FunctionDto> functions;

    static String written(Object dto) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(dto, dto.getClass(), out);
        return out.toString(UTF_8);
    }

    private static void write(Object value, Type genericType, OutputStream out) {
        try {
            JSON_TEXT_BODIES.writeTo(
                    value, value.getClass(), genericType, null, MediaType.APPLICATION_JSON_TYPE, null, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Type declared(String field) throws NoSuchFieldException {
        return JsonTextBodiesTest.class.getDeclaredField(field).getGenericType();
    }

    @Test
    void writesTheDocumentsThatInlineAFunctionsTextAndListsOfThemOnly() throws NoSuchFieldException {
        assertTrue(JSON_TEXT_BODIES.isWriteable(InvocationResult.class, InvocationResult.class, null, null));
        assertTrue(JSON_TEXT_BODIES.isWriteable(List.class, declared("activations"), null, null));
        assertFalse(JSON_TEXT_BODIES.isWriteable(FunctionDto.class, FunctionDto.class, null, null));
        assertFalse(JSON_TEXT_BODIES.isWriteable(List.class, declared("functions"), null, null));
        assertFalse(JSON_TEXT_BODIES.isWriteable(List.class, List.class, null, null));
    }

    @Test
    void everyOtherPropertyReadsAsJsonBWritesIt() throws Exception {
        ActivationDto dto = ActivationDto.from(DtoConversionTest.activation("success"));
        JsonObject ours = parse(written(dto));
        try (Jsonb jsonb = JsonbBuilder.create()) {
            assertEquals(parse(jsonb.toJson(dto)), ours, "no result: JSON-B's document");
        }
        assertEquals(List.copyOf(ours.keySet()), ours.keySet().stream().sorted().toList(), "by name");
    }

    @Test
    void aListIsAnArrayOfTheDocuments() throws NoSuchFieldException {
        ActivationDto dto = ActivationDto.from(DtoConversionTest.activation("success"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(List.of(dto, dto), declared("activations"), out);
        JsonArray array =
                Json.createReader(new StringReader(out.toString(UTF_8))).readArray();
        assertEquals(2, array.size());
        assertEquals(parse(written(dto)), array.getJsonObject(1));
        out.reset();
        write(List.of(), declared("activations"), out);
        assertEquals("[]", out.toString(UTF_8));
    }

    @Test
    void aSixMebibyteResultPassesThroughAsItIsWithMemoryInProportionToItsSize() {
        // What Python's json.dumps([0] * 2_000_000) writes (5.7 MiB): ~111 MiB as a JSON-P tree.
        String answer = "[0" + ", 0".repeat(2_000_000 - 1) + "]";
        written(InvocationResult.from(new InvocationOutcome(DtoConversionTest.activation("success"), "[0,0]")));
        CountingStream out = new CountingStream();

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        InvocationResult result =
                InvocationResult.from(new InvocationOutcome(DtoConversionTest.activation("success"), answer));
        write(result, InvocationResult.class, out);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(
                allocated < 4L * answer.length(),
                allocated + " bytes allocated to answer " + answer.length() + " bytes");
        String document = written(result);
        assertEquals(out.count, document.length());
        assertTrue(document.contains(",\"result\":" + answer + ","), "the function's text as it is");
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    /** Counts what it is given and keeps nothing, as a socket would. */
    private static final class CountingStream extends OutputStream {

        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
