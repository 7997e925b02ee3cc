package dev.hearth.protocol.wire.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hearth.protocol.wire.WireExamples;
import jakarta.json.JsonException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever arrives, the invocation's JSON is read or refused with a {@link JsonException} (the
 * agent answers it with 400), soon: never another exception, never a thread that loops.
 */
class InvokeJsonRefusalTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    private static final byte[] REQUEST = InvokeJson.write(WireExamples.everyComponent());

    @Example
    void everyCutOfADocumentIsRefused() {
        assertTimeoutPreemptively(SOON, () -> {
            for (int length = 0; length < REQUEST.length; length++) {
                byte[] cut = Arrays.copyOf(REQUEST, length);
                assertThrows(JsonException.class, () -> InvokeJson.readRequest(cut), new String(cut, UTF_8));
            }
        });
    }

    /** JSON-B hangs on these (Parsson's skipObject and skipArray at the end of the input). */
    @Example
    void aDocumentThatEndsInsideAnUnknownPropertyIsRefused() {
        assertTimeoutPreemptively(SOON, () -> {
            for (String cut : List.of("{\"future\":[", "{\"future\":{", "{\"future\":{\"a\":[1,", "{\"x\":[[[[")) {
                assertThrows(JsonException.class, () -> InvokeJson.readRequest(cut.getBytes(UTF_8)), cut);
                assertThrows(JsonException.class, () -> InvokeJson.readResult(cut.getBytes(UTF_8)), cut);
            }
        });
    }

    @Example
    void valuesOfTheWrongKindAreRefused() {
        for (String request : List.of(
                "",
                " ",
                "null",
                "[]",
                "\"{}\"",
                "{} {}",
                "{}x",
                "{\"event\":1}",
                "{\"event\":true}",
                "{\"event\":{}}",
                "{\"limits\":\"x\"}",
                "{\"limits\":[]}",
                "{\"limits\":{\"memoryMb\":\"128\"}}",
                "{\"limits\":{\"memoryMb\":null}}",
                "{\"limits\":{\"memoryMb\":1.5}}",
                "{\"limits\":{\"memoryMb\":1.0}}",
                "{\"limits\":{\"memoryMb\":1e2}}",
                "{\"limits\":{\"memoryMb\":4294967297}}",
                "{\"limits\":{\"timeoutMillis\":9223372036854775808}}",
                "{\"limits\":{\"timeoutMillis\":" + "9".repeat(5000) + "}}",
                "{\"portions\":{}}",
                "{\"portions\":[\"main\"]}",
                "{\"portions\":[{\"name\":[]}]}",
                "{\"environment\":[]}",
                "{\"environment\":{\"A\":1}}",
                "{\"secrets\":{\"vault\":\"x\"}}",
                "{\"secrets\":[]}",
                "{\"egressAllowList\":\"example.test:443\"}",
                "{\"egressAllowList\":[1]}",
                "{\"allowedPrivateNetworks\":[{}]}")) {
            assertThrows(JsonException.class, () -> InvokeJson.readRequest(request.getBytes(UTF_8)), request);
        }
        for (String result : List.of(
                "{\"containersCreated\":\"true\"}",
                "{\"containersCreated\":1}",
                "{\"containersCreated\":null}",
                "{\"initMillis\":\"1\"}",
                "{\"runMillis\":null}",
                "{\"payload\":{}}")) {
            assertThrows(JsonException.class, () -> InvokeJson.readResult(result.getBytes(UTF_8)), result);
        }
    }

    @Example
    void anUnknownPropertyMayNestAsDeepAsTheLimitAndNoDeeper() {
        int limit = InvokeJson.MAX_SKIPPED_DEPTH;

        assertEquals("inv-1", InvokeJson.readRequest(nested(limit)).invocationId());
        assertThrows(JsonException.class, () -> InvokeJson.readRequest(nested(limit + 1)));
        assertTimeoutPreemptively(
                SOON, () -> assertThrows(JsonException.class, () -> InvokeJson.readRequest(nested(1_000_000))));
    }

    private static byte[] nested(int depth) {
        return ("{\"future\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"invocationId\":\"inv-1\"}")
                .getBytes(UTF_8);
    }

    /** One byte of a document overwritten. */
    record Hit(int position, byte value) {}

    @Property(tries = 1000)
    void aDamagedDocumentIsReadOrRefused(@ForAll("hits") List<Hit> hits) {
        byte[] damaged = REQUEST.clone();
        hits.forEach(hit -> damaged[hit.position()] = hit.value());
        Statistics.collect(assertTimeoutPreemptively(SOON, () -> {
            try {
                InvokeJson.readRequest(damaged);
                return "read";
            } catch (JsonException refused) {
                return "refused";
            }
        }));
        Statistics.coverage(coverage -> {
            coverage.check("read").percentage(p -> p >= 2);
            coverage.check("refused").percentage(p -> p >= 2);
        });
    }

    /** Where, and what: JSON's syntax mostly, any byte sometimes. */
    @Provide
    Arbitrary<List<Hit>> hits() {
        Arbitrary<Byte> value = Arbitraries.oneOf(
                Arbitraries.of(
                        "{}[]\":,\\0-e.nt ".chars().mapToObj(c -> (byte) c).toList()),
                Arbitraries.bytes());
        return Combinators.combine(Arbitraries.integers().between(0, REQUEST.length - 1), value)
                .as(Hit::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
    }
}
