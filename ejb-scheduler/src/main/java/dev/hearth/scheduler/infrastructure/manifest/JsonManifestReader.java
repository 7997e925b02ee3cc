package dev.hearth.scheduler.infrastructure.manifest;

import dev.hearth.domain.function.RawManifest;
import dev.hearth.domain.function.RawManifest.RawPolicy;
import dev.hearth.domain.function.RawManifest.RawPortion;
import dev.hearth.scheduler.application.InvalidCodeException;
import dev.hearth.scheduler.application.ManifestReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code hearth.json} with JSON-P into the domain's {@link RawManifest}. It checks the shape
 * only (JSON syntax, which fields exist, their types); the meaning is for the domain's rules. An
 * unknown field is reported, since it is most often a misspelt one.
 *
 * <pre>{@code
 * {
 *   "runtime": "python3",
 *   "entryPortion": "main",
 *   "portions": [
 *     {"name": "main", "path": "src", "handler": "app.handler", "trustLevel": "untrusted"}
 *   ],
 *   "policy": {"memoryMb": 128, "timeoutMillis": 3000, "maxProcesses": 32, "tmpMb": 16,
 *              "environment": {"GREETING": "hello"}, "egress": ["api.example.com:443"],
 *              "credentialScopes": ["kv:read"]}
 * }
 * }</pre>
 */
@ApplicationScoped
public class JsonManifestReader implements ManifestReader {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private static final Set<String> TOP_FIELDS = Set.of("runtime", "entryPortion", "portions", "policy");
    private static final Set<String> PORTION_FIELDS = Set.of("name", "path", "handler", "trustLevel");
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

    @Override
    public RawManifest read(byte[] manifest) {
        JsonValue root;
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(manifest))) {
            root = reader.readValue();
        } catch (JsonException e) {
            throw new InvalidCodeException(List.of("hearth.json is not valid JSON: " + oneLine(e.getMessage())));
        }
        if (root.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidCodeException(List.of("hearth.json must be a JSON object"));
        }
        Problems problems = new Problems();
        JsonObject top = root.asJsonObject();
        problems.unknownFields(top, TOP_FIELDS, "");
        RawManifest raw = new RawManifest(
                problems.string(top, "runtime", "runtime"),
                problems.string(top, "entryPortion", "entryPortion"),
                portions(top, problems),
                policy(top, problems));
        if (!problems.lines.isEmpty()) {
            throw new InvalidCodeException(problems.lines);
        }
        return raw;
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
                    problems.string(portion, "trustLevel", label + ".trustLevel")));
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
                environment(policy, problems),
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

    private static List<String> strings(JsonObject policy, String field, String shapeProblem, Problems problems) {
        JsonValue value = policy.get(field);
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

    private static Map<String, String> environment(JsonObject policy, Problems problems) {
        JsonValue value = policy.get("environment");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            problems.lines.add("policy.environment must be an object of strings");
            return null;
        }
        Map<String, String> environment = new LinkedHashMap<>();
        value.asJsonObject().forEach((name, v) -> {
            if (v.getValueType() == JsonValue.ValueType.STRING) {
                environment.put(name, ((JsonString) v).getString());
            } else {
                problems.lines.add("policy.environment." + name + " must be a string");
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
