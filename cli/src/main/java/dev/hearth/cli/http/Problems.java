package dev.hearth.cli.http;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import dev.hearth.cli.output.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An error answer as one line: a problem+json document (RFC 9457) by its type's last path segment
 * and its detail (and every entry of {@code errors}), anything else by its status.
 */
public final class Problems {

    private Problems() {}

    public static CliFailure failure(HttpAnswer answer) {
        ExitCode code = ExitCode.forStatus(answer.status());
        Optional<JsonObject> problem = Json.parse(answer.text())
                .filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject);
        if (problem.isEmpty()) {
            String body = answer.text().strip();
            String detail = body.isEmpty() || body.startsWith("<") || body.contains("\n")
                    ? "the server answered " + answer.status() + " to " + answer.uri()
                    : body;
            return new CliFailure(code, "http-" + answer.status(), detail);
        }
        JsonObject document = problem.get();
        return new CliFailure(code, kind(document, answer.status()), detail(document, answer));
    }

    private static String kind(JsonObject document, int status) {
        String type = Json.text(document, "type");
        if (type.isEmpty() || "about:blank".equals(type)) {
            return "http-" + status;
        }
        String trimmed = type.endsWith("/") ? type.substring(0, type.length() - 1) : type;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String detail(JsonObject document, HttpAnswer answer) {
        String detail = Json.text(document, "detail");
        if (detail.isEmpty()) {
            detail = Json.text(document, "title");
        }
        if (detail.isEmpty()) {
            detail = "the server answered " + answer.status() + " to " + answer.uri();
        }
        JsonValue errors = document.get("errors");
        if (errors != null && errors.getValueType() == JsonValue.ValueType.ARRAY) {
            String all = errors.asJsonArray().stream()
                    .filter(e -> e.getValueType() == JsonValue.ValueType.STRING)
                    .map(e -> ((JsonString) e).getString())
                    .collect(Collectors.joining("; "));
            if (!all.isEmpty() && !detail.contains(all)) {
                detail = detail + ": " + all;
            }
        }
        return detail.replace('\n', ' ');
    }
}
