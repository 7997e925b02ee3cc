package dev.hearth.web.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.scheduler.application.InvocationOutcome;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTextBodiesTest {

    static String written(Object document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(document, out);
        return out.toString(UTF_8);
    }

    /** As a request writes it: what it holds is given back when it has ended. */
    private static void write(Object document, OutputStream out) {
        try {
            JsonTextBodies.of(document).write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            RequestMemory.end();
        }
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
    void aListIsAnArrayOfTheDocuments() {
        ActivationDto dto = ActivationDto.from(DtoConversionTest.activation("success"));
        JsonArray array =
                Json.createReader(new StringReader(written(List.of(dto, dto)))).readArray();
        assertEquals(2, array.size());
        assertEquals(parse(written(dto)), array.getJsonObject(1));
        assertEquals("[]", written(List.of()));
    }

    @Test
    void aSixMebibyteResultPassesThroughAsItIsWithMemoryInProportionToItsSize() {
        // What Python's json.dumps([0] * 2_000_000) writes (5.7 MiB): ~72 MiB as a JSON-P tree.
        String answer = "[0" + ", 0".repeat(2_000_000 - 1) + "]";
        written(InvocationResult.from(new InvocationOutcome(DtoConversionTest.activation("success"), "[0,0]")));
        CountingStream out = new CountingStream();

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        InvocationResult result =
                InvocationResult.from(new InvocationOutcome(DtoConversionTest.activation("success"), answer));
        write(result, out);
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
