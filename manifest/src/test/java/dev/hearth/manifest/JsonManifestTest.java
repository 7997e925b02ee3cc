package dev.hearth.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.RawManifest;
import dev.hearth.domain.function.RawManifest.RawPolicy;
import dev.hearth.domain.function.RawManifest.RawPortion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonManifestTest {

    private RawManifest read(String json) {
        return JsonManifest.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> problems(String json) {
        return assertThrows(JsonManifest.InvalidManifest.class, () -> read(json))
                .problems();
    }

    @Test
    void readsEveryField() {
        RawManifest raw = read(
                """
                {"runtime": "python3", "entryPortion": "main",
                 "portions": [{"name": "main", "path": "src", "handler": "app.handler", "trustLevel": "trusted",
                               "environment": {"TABLE": "orders"}, "secrets": ["api_key"]}],
                 "sharedPath": "lib",
                 "policy": {"memoryMb": 256, "timeoutMillis": 5000, "maxProcesses": 8, "tmpMb": 32,
                            "environment": {"GREETING": "hi"}, "egress": "none", "credentialScopes": ["kv:read"],
                            "isolation": "vm", "cpuPercent": 50}}
                """);

        assertEquals(
                new RawManifest(
                        "python3",
                        "main",
                        List.of(new RawPortion(
                                "main",
                                "src",
                                "app.handler",
                                "trusted",
                                Map.of("TABLE", "orders"),
                                List.of("api_key"))),
                        new RawPolicy(
                                256L,
                                5000L,
                                8L,
                                32L,
                                Map.of("GREETING", "hi"),
                                List.of("none"),
                                List.of("kv:read"),
                                "vm",
                                50L),
                        "lib"),
                raw);
    }

    @Test
    void egressIsOneStringOrAnArrayOfStrings() {
        assertEquals(
                List.of("a.example:443", "b.example:80"),
                read("{\"policy\": {\"egress\": [\"a.example:443\", \"b.example:80\"]}}")
                        .policy()
                        .egress());
        assertEquals(
                List.of("policy.egress must be \"none\" or an array of host:port strings"),
                problems("{\"policy\": {\"egress\": {\"host\": \"a.example\"}}}"));
    }

    @Test
    void credentialScopesAreStrings() {
        assertEquals(
                List.of("policy.credentialScopes must be an array of strings"),
                problems("{\"policy\": {\"credentialScopes\": [\"kv:read\", 3]}}"));
    }

    @Test
    void missingFieldsStayMissing() {
        RawManifest raw = read("{\"runtime\": \"provided\", \"portions\": [{\"name\": \"main\"}]}");

        assertNull(raw.entryPortion());
        assertNull(raw.policy());
        assertEquals(new RawPortion("main", null, null, null), raw.portions().get(0));
    }

    @Test
    void malformedJsonIsOneLine() {
        List<String> problems = problems("{\"runtime\": \"python3\",\n  \"portions\": [");

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("hearth.json is not valid JSON: "), problems.get(0));
        assertTrue(!problems.get(0).contains("\n"));
    }

    @Test
    void theManifestMustBeAnObject() {
        assertEquals(List.of("hearth.json must be a JSON object"), problems("[1, 2]"));
    }

    @Test
    void namesEveryWrongTypeAndUnknownField() {
        List<String> problems = problems(
                """
                {"runtime": 3, "entry": "main",
                 "portions": [{"name": "main", "trustLevel": true}, "x"],
                 "policy": {"memoryMb": "big", "timeoutMillis": 1.5, "environment": {"A": 1}}}
                """);

        assertEquals(
                List.of(
                        "unknown field entry (expected entryPortion, policy, portions, runtime, sharedPath)",
                        "runtime must be a string",
                        "portions[0].trustLevel must be a string",
                        "portions[1] must be an object",
                        "policy.memoryMb must be a whole number",
                        "policy.timeoutMillis must be a whole number",
                        "policy.environment.A must be a string"),
                problems);
    }

    @Test
    void aPortionsVariablesAreStringsAndItsSecretsAnArrayOfStrings() {
        assertEquals(
                List.of(
                        "portions[0].environment.A must be a string",
                        "portions[0].secrets must be an array of strings",
                        "portions[1].environment must be an object of strings",
                        "sharedPath must be a string"),
                problems(
                        """
                        {"portions": [{"environment": {"A": 1}, "secrets": "api_key"}, {"environment": []}],
                         "sharedPath": 3}
                        """));
    }

    @Test
    void portionsAndPolicyMustHaveTheirShapes() {
        assertEquals(
                List.of("portions must be an array", "policy must be an object"),
                problems("{\"portions\": {}, \"policy\": []}"));
    }

    @Test
    void refusesDeepNestingBeforeBuildingIt() {
        int levels = 10_000; // within the size limit, which refuses 100,000 levels already
        String arrays = "[".repeat(levels) + "]".repeat(levels);
        String objects = "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);

        for (String deep : List.of(arrays, objects)) {
            List<String> problems = problems(deep);
            assertEquals(1, problems.size());
            assertTrue(
                    problems.get(0).startsWith("hearth.json is nested deeper than 32 levels (line 1, column "),
                    problems.get(0));
        }
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String deepest = "{\"x\": " + "[".repeat(31) + "]".repeat(31) + "}";

        assertEquals(
                List.of("unknown field x (expected entryPortion, policy, portions, runtime, sharedPath)"),
                problems(deepest));
    }

    @Test
    void refusesAKeyTwiceInOneObject() {
        assertEquals(
                List.of("hearth.json has the key \"runtime\" twice in one object (line 1, column 33)"),
                problems("{\"runtime\": \"python3\", \"runtime\": \"nodejs\"}"));
    }

    @Test
    void refusesLongNumbersAndNamesHugeOnesAsNotWhole() {
        assertEquals(
                List.of("hearth.json has a number longer than 100 characters (line 1, column 225)"),
                problems("{\"policy\": {\"memoryMb\": " + "9".repeat(200) + "}}"));
        assertEquals(
                List.of("policy.memoryMb must be a whole number", "policy.tmpMb must be a whole number"),
                problems("{\"policy\": {\"memoryMb\": " + "9".repeat(99) + ", \"tmpMb\": 1e999999999}}"));
    }

    @Test
    void refusesWhatIsNotUtf8AndSkipsAByteOrderMark() {
        byte[] latin1 = "{\"runtime\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] marked = "\uFEFF{\"runtime\": \"python3\"}".getBytes(StandardCharsets.UTF_8);

        assertEquals(
                List.of("hearth.json is not UTF-8 text (byte 16 cannot be decoded)"),
                assertThrows(JsonManifest.InvalidManifest.class, () -> JsonManifest.read(latin1))
                        .problems());
        assertEquals("python3", JsonManifest.read(marked).runtime());
    }

    @Test
    void refusesContentAfterTheObjectAndAnEmptyFile() {
        assertTrue(problems("{\"runtime\": \"python3\"} {}").get(0).startsWith("hearth.json is not valid JSON: "));
        assertTrue(problems("").get(0).startsWith("hearth.json is not valid JSON: "));
        assertTrue(problems(" \n ").get(0).startsWith("hearth.json is not valid JSON: "));
    }

    @Test
    void refusesAManifestOverItsSizeLimit() {
        String large = "{\"runtime\": \"" + "x".repeat(70_000) + "\"}";

        assertEquals(List.of("hearth.json is 70015 bytes, over the limit of 65536"), problems(large));
        assertEquals(
                List.of("hearth.json is 200000 bytes, over the limit of 65536"),
                problems("[".repeat(100_000) + "]".repeat(100_000)));
    }
}
