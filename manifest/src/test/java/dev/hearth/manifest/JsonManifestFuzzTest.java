package dev.hearth.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing of the manifest reader: whatever {@code hearth.json} holds (any JSON of any shape and
 * depth, a valid manifest damaged byte by byte, bytes that are not text), {@link
 * JsonManifest#read} returns a manifest or throws {@link JsonManifest.InvalidManifest} with its
 * problems; any other exception or error escaping fails the property.
 */
class JsonManifestFuzzTest {

    private static final String VALID =
            """
            {"runtime": "python3", "entryPortion": "main",
             "portions": [{"name": "main", "path": ".", "handler": "app.handler", "trustLevel": "untrusted"}],
             "policy": {"memoryMb": 128, "timeoutMillis": 3000, "maxProcesses": 32, "tmpMb": 16, "cpuPercent": 100,
                        "egress": "none", "environment": {"A": "b"}, "isolation": "sandbox"}}
            """;

    @Property(tries = 400)
    void generatedDocumentsAreReadOrRefused(@ForAll("documents") String document) {
        readOrRefuse(document.getBytes(UTF_8));
        Statistics.coverage(coverage -> {
            coverage.check(true).percentage(p -> p >= 2);
            coverage.check(false).percentage(p -> p >= 2);
        });
    }

    @Property(tries = 300)
    void damagedManifestsAreReadOrRefused(
            @ForAll("positions") List<Integer> positions, @ForAll("bytes") byte[] values) {
        byte[] damaged = VALID.getBytes(UTF_8);
        for (int i = 0; i < positions.size() && i < values.length; i++) {
            damaged[positions.get(i) % damaged.length] = values[i];
        }
        readOrRefuse(damaged);
    }

    @Property(tries = 100)
    void anyBytesAreReadOrRefused(@ForAll("bytes") byte[] bytes) {
        readOrRefuse(bytes);
    }

    @Property(tries = 30)
    void anyDepthIsReadOrRefused(
            @ForAll("depths") int depth, @ForAll("openers") String opener, @ForAll("closers") String closer) {
        readOrRefuse((opener.repeat(depth) + "1" + closer.repeat(depth)).getBytes(UTF_8));
    }

    private void readOrRefuse(byte[] manifest) {
        try {
            JsonManifest.read(manifest);
            Statistics.collect(true);
        } catch (JsonManifest.InvalidManifest refused) {
            Statistics.collect(false);
            assertFalse(refused.problems().isEmpty());
        }
    }

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, manifests()),
                Tuple.of(1, json(40)),
                Tuple.of(1, json(4).map(v -> "{\"policy\": " + v + "}")));
    }

    /** Manifest-shaped objects whose fields hold any JSON: right types, wrong types, huge numbers. */
    private Arbitrary<String> manifests() {
        Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(3, scalars()), Tuple.of(1, json(3)));
        Arbitrary<String> field = Arbitraries.of(
                "runtime", "entryPortion", "portions", "policy", "memoryMb", "environment", "egress", "x", "runtime");
        Arbitrary<String> policy = Combinators.combine(field, value)
                .as((name, v) -> "\"" + name + "\": " + v)
                .list()
                .ofMaxSize(5)
                .map(fields -> "{" + String.join(", ", fields) + "}");
        return Combinators.combine(field, Arbitraries.oneOf(value, policy))
                .as((name, v) -> "\"" + name + "\": " + v)
                .list()
                .ofMaxSize(5)
                .map(fields -> "{" + String.join(", ", fields) + "}");
    }

    private Arbitrary<String> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "null",
                        "true",
                        "false",
                        "0",
                        "-0",
                        "128",
                        "1.5",
                        "1e999999999",
                        "-1E-999999999",
                        "9".repeat(99),
                        "9".repeat(101),
                        "\"python3\"",
                        "\"main\"",
                        "\"none\"",
                        "\"\\u0000\"",
                        "\"\\ud800\"",
                        "\"\u202e\"",
                        "[]",
                        "{}",
                        "[\"a.example:443\"]",
                        "01",
                        "+1",
                        "NaN",
                        "\"",
                        "'x'"),
                Arbitraries.strings()
                        .ofMaxLength(20)
                        .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.longs().map(String::valueOf));
    }

    /** Any JSON value nested at most {@code depth} levels (and sometimes not JSON at all). */
    private Arbitrary<String> json(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> json(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(2, scalars()),
                Tuple.of(1, inner.list().ofMaxSize(2).map(items -> "[" + String.join(",", items) + "]")),
                Tuple.of(
                        1,
                        Combinators.combine(Arbitraries.of("a", "b", "a"), inner)
                                .as((k, v) -> "\"" + k + "\":" + v)
                                .list()
                                .ofMaxSize(2)
                                .map(fields -> "{" + String.join(",", fields) + "}")));
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 64), Arbitraries.integers().between(1, 100_000));
    }

    @Provide
    Arbitrary<String> openers() {
        return Arbitraries.of("[", "{\"a\":", "{\"policy\":", "[{\"a\":[");
    }

    @Provide
    Arbitrary<String> closers() {
        return Arbitraries.of("]", "}", "]}]");
    }
}
