package dev.hearth.manifest;

import dev.hearth.domain.function.RawManifest;
import dev.hearth.domain.function.RawManifest.RawPolicy;
import dev.hearth.domain.function.RawManifest.RawPortion;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code hearth.json} with JSON-P into the domain's {@link RawManifest}. It checks the shape
 * only (JSON syntax, which fields exist, their types); the meaning is for the domain's rules. An
 * unknown field is reported, since it is most often a misspelt one.
 *
 * <p>Before any tree is built, the bytes must be UTF-8 (a leading byte order mark is skipped) of at
 * most {@value #MAX_MANIFEST_BYTES} bytes, and one streaming pass refuses nesting deeper than
 * {@value #MAX_DEPTH} levels, a key twice in one object and numbers longer than
 * {@value #MAX_NUMBER_CHARS} characters: the JSON-P implementation would otherwise fail on them
 * with unchecked exceptions of its own, or silently keep the last of two keys.
 *
 * <pre>{@code
 * {
 *   "runtime": "python3",
 *   "entryPortion": "main",
 *   "portions": [
 *     {"name": "main", "path": "src", "handler": "app.handler", "trustLevel": "untrusted"},
 *     {"name": "vault", "path": "vault", "handler": "app.handler", "trustLevel": "trusted",
 *      "environment": {"TABLE": "orders"}, "secrets": ["api_key"]}
 *   ],
 *   "sharedPath": "lib",
 *   "policy": {"memoryMb": 128, "timeoutMillis": 3000, "maxProcesses": 32, "tmpMb": 16,
 *              "environment": {"GREETING": "hello"}, "egress": ["api.example.com:443"],
 *              "credentialScopes": ["kv:read"]}
 * }
 * }</pre>
 */
final class JsonManifest {

    /** A manifest with every field at its limits fits with room to spare. */
    static final int MAX_MANIFEST_BYTES = 64 << 10;

    /** A manifest needs 4 levels (top, portions, a portion, its environment or secrets); the rest is room. */
    static final int MAX_DEPTH = 32;

    static final int MAX_NUMBER_CHARS = 100;

    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private static final Set<String> TOP_FIELDS = Set.of("runtime", "entryPortion", "portions", "policy", "sharedPath");
    private static final Set<String> PORTION_FIELDS =
            Set.of("name", "path", "handler", "trustLevel", "environment", "secrets");
    private static final Set<String> POLICY_FIELDS = Set.of(
            "memoryMb",
            "timeoutMillis",
            "maxProcesses",
            "tmpMb",
            "environment",
            "egress",
            "credentialScopes",
            "isolation",
            "cpuPercent");

    private JsonManifest() {}

    /** @throws InvalidManifest the bytes are not a JSON object of the expected shape */
    static RawManifest read(byte[] manifest) {
        String text = utf8Text(manifest);
        JsonValue root;
        try {
            checkStructure(text);
            try (JsonReader reader = READERS.createReader(new StringReader(text))) {
                root = reader.readValue();
            }
        } catch (JsonException e) {
            throw invalid("hearth.json is not valid JSON: " + oneLine(e.getMessage()));
        }
        if (root.getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid("hearth.json must be a JSON object");
        }
        Problems problems = new Problems();
        JsonObject top = root.asJsonObject();
        problems.unknownFields(top, TOP_FIELDS, "");
        RawManifest raw = new RawManifest(
                problems.string(top, "runtime", "runtime"),
                problems.string(top, "entryPortion", "entryPortion"),
                portions(top, problems),
                policy(top, problems),
                problems.string(top, "sharedPath", "sharedPath"));
        if (!problems.lines.isEmpty()) {
            throw new InvalidManifest(problems.lines);
        }
        return raw;
    }

    private static String utf8Text(byte[] manifest) {
        if (manifest.length > MAX_MANIFEST_BYTES) {
            throw invalid("hearth.json is " + manifest.length + " bytes, over the limit of " + MAX_MANIFEST_BYTES);
        }
        boolean marked = Arrays.equals(manifest, 0, Math.min(manifest.length, 3), BYTE_ORDER_MARK, 0, 3);
        ByteBuffer bytes = ByteBuffer.wrap(manifest, marked ? 3 : 0, manifest.length - (marked ? 3 : 0));
        CharBuffer text = CharBuffer.allocate(manifest.length);
        CoderResult result = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes, text, true);
        if (result.isError()) {
            throw invalid("hearth.json is not UTF-8 text (byte " + bytes.position() + " cannot be decoded)");
        }
        return text.flip().toString();
    }

    /** The streaming pass: refuses what would make building the tree fail or guess. */
    private static void checkStructure(String text) {
        Deque<Set<String>> openObjectKeys = new ArrayDeque<>();
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (openObjectKeys.size() == MAX_DEPTH) {
                            throw invalid("hearth.json is nested deeper than " + MAX_DEPTH + " levels"
                                    + at(parser.getLocation()));
                        }
                        openObjectKeys.push(new HashSet<>());
                    }
                    case END_OBJECT, END_ARRAY -> openObjectKeys.pop();
                    case KEY_NAME -> {
                        if (!openObjectKeys.element().add(parser.getString())) {
                            throw invalid("hearth.json has the key \"" + oneLine(parser.getString())
                                    + "\" twice in one object" + at(parser.getLocation()));
                        }
                    }
                    case VALUE_NUMBER -> {
                        if (parser.getString().length() > MAX_NUMBER_CHARS) {
                            throw invalid("hearth.json has a number longer than " + MAX_NUMBER_CHARS + " characters"
                                    + at(parser.getLocation()));
                        }
                    }
                    default -> {
                        // strings, true, false and null need no check: the size limit bounds them
                    }
                }
            }
        }
    }

    private static String at(JsonLocation location) {
        return " (line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")";
    }

    private static InvalidManifest invalid(String problem) {
        return new InvalidManifest(List.of(problem));
    }

    /** The manifest's shape is wrong: {@link #problems} say how, one line each. */
    static final class InvalidManifest extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        InvalidManifest(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    private static List<RawPortion> portions(JsonObject top, Problems problems) {
        JsonValue value = top.get("portions");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            problems.lines.add("portions must be an array");
            return null;
        }
        JsonArray array = value.asJsonArray();
        List<RawPortion> portions = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String label = "portions[" + i + "]";
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                problems.lines.add(label + " must be an object");
                continue;
            }
            JsonObject portion = array.getJsonObject(i);
            problems.unknownFields(portion, PORTION_FIELDS, label + ".");
            portions.add(new RawPortion(
                    problems.string(portion, "name", label + ".name"),
                    problems.string(portion, "path", label + ".path"),
                    problems.string(portion, "handler", label + ".handler"),
                    problems.string(portion, "trustLevel", label + ".trustLevel"),
                    environment(portion, label + ".environment", problems),
                    strings(portion, "secrets", label + ".secrets must be an array of strings", problems)));
        }
        return portions;
    }

    private static RawPolicy policy(JsonObject top, Problems problems) {
        JsonValue value = top.get("policy");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            problems.lines.add("policy must be an object");
            return null;
        }
        JsonObject policy = value.asJsonObject();
        problems.unknownFields(policy, POLICY_FIELDS, "policy.");
        return new RawPolicy(
                problems.wholeNumber(policy, "memoryMb", "policy.memoryMb"),
                problems.wholeNumber(policy, "timeoutMillis", "policy.timeoutMillis"),
                problems.wholeNumber(policy, "maxProcesses", "policy.maxProcesses"),
                problems.wholeNumber(policy, "tmpMb", "policy.tmpMb"),
                environment(policy, "policy.environment", problems),
                egress(policy, problems),
                credentialScopes(policy, problems),
                problems.string(policy, "isolation", "policy.isolation"),
                problems.wholeNumber(policy, "cpuPercent", "policy.cpuPercent"));
    }

    /** {@code "none"} or an array of {@code host:port} strings. */
    private static List<String> egress(JsonObject policy, Problems problems) {
        JsonValue value = policy.get("egress");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.STRING) {
            return List.of(((JsonString) value).getString());
        }
        return strings(policy, "egress", "policy.egress must be \"none\" or an array of host:port strings", problems);
    }

    private static List<String> credentialScopes(JsonObject policy, Problems problems) {
        return strings(policy, "credentialScopes", "policy.credentialScopes must be an array of strings", problems);
    }

    private static List<String> strings(JsonObject object, String field, String shapeProblem, Problems problems) {
        JsonValue value = object.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY
                || value.asJsonArray().stream().anyMatch(v -> v.getValueType() != JsonValue.ValueType.STRING)) {
            problems.lines.add(shapeProblem);
            return null;
        }
        return value.asJsonArray().getValuesAs(JsonString::getString);
    }

    /** The {@code environment} object of the policy or of a portion; {@code label} names it in problems. */
    private static Map<String, String> environment(JsonObject object, String label, Problems problems) {
        JsonValue value = object.get("environment");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            problems.lines.add(label + " must be an object of strings");
            return null;
        }
        Map<String, String> environment = new LinkedHashMap<>();
        value.asJsonObject().forEach((name, v) -> {
            if (v.getValueType() == JsonValue.ValueType.STRING) {
                environment.put(name, ((JsonString) v).getString());
            } else {
                problems.lines.add(label + "." + name + " must be a string");
            }
        });
        return environment;
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s+", " ").strip();
    }

    /** The shape problems found so far, one line each. */
    private static final class Problems {

        final List<String> lines = new ArrayList<>();

        String string(JsonObject object, String field, String label) {
            JsonValue value = object.get(field);
            if (value == null || value == JsonValue.NULL) {
                return null;
            }
            if (value.getValueType() != JsonValue.ValueType.STRING) {
                lines.add(label + " must be a string");
                return null;
            }
            return ((JsonString) value).getString();
        }

        Long wholeNumber(JsonObject object, String field, String label) {
            JsonValue value = object.get(field);
            if (value == null || value == JsonValue.NULL) {
                return null;
            }
            if (value.getValueType() == JsonValue.ValueType.NUMBER) {
                JsonNumber number = (JsonNumber) value;
                if (number.isIntegral()) {
                    try {
                        return number.longValueExact();
                    } catch (ArithmeticException tooLarge) {
                        // reported below, like any number that is not a whole one
                    }
                }
            }
            lines.add(label + " must be a whole number");
            return null;
        }

        void unknownFields(JsonObject object, Set<String> known, String prefix) {
            object.keySet().stream()
                    .filter(k -> !known.contains(k))
                    .sorted()
                    .forEach(k -> lines.add("unknown field " + prefix + k + " (expected "
                            + String.join(", ", known.stream().sorted().toList()) + ")"));
        }
    }
}
