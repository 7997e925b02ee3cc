package dev.hearth.cli.output;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The readable text of what the API answers: functions, activations, log lines. */
public final class Texts {

    private Texts() {}

    /** A column of {@link #table}: its heading and the member it shows. */
    public record Column(String heading, String key) {}

    public static Column column(String heading, String key) {
        return new Column(heading, key);
    }

    /**
     * One row per object, a column per member: a list answers with all, a change with the one it
     * changed.
     */
    public static String table(JsonValue oneOrAll, Column... columns) {
        Table table = new Table(Arrays.stream(columns).map(Column::heading).toArray(String[]::new));
        List<JsonValue> objects =
                oneOrAll.getValueType() == JsonValue.ValueType.ARRAY ? oneOrAll.asJsonArray() : List.of(oneOrAll);
        for (JsonValue value : objects) {
            table.row(Arrays.stream(columns)
                    .map(c -> cell(value.asJsonObject(), c.key()))
                    .toArray(String[]::new));
        }
        return table.render();
    }

    /** A member as {@link Json#text} writes it, but an array of strings as its words joined by commas. */
    public static String cell(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
            return value.asJsonArray().stream()
                    .map(v -> v.getValueType() == JsonValue.ValueType.STRING
                            ? ((JsonString) v).getString()
                            : v.toString())
                    .collect(Collectors.joining(","));
        }
        return Json.text(object, key);
    }

    public static String functions(JsonValue functions) {
        Table table = new Table("NAME", "RUNTIME", "OWNER", "PORTIONS", "UPDATED");
        for (JsonValue value : functions.asJsonArray()) {
            JsonObject f = value.asJsonObject();
            table.row(
                    Json.text(f, "name"),
                    Json.text(f, "runtime"),
                    Json.text(f, "owner"),
                    String.valueOf(
                            f.getJsonArray("portions") == null
                                    ? 0
                                    : f.getJsonArray("portions").size()),
                    Json.text(f, "updatedAt"));
        }
        return table.render();
    }

    public static String function(JsonValue function) {
        JsonObject f = function.asJsonObject();
        StringBuilder text = new StringBuilder();
        line(text, "name", Json.text(f, "name"));
        line(text, "owner", Json.text(f, "owner"));
        line(text, "runtime", Json.text(f, "runtime"));
        line(text, "entry portion", Json.text(f, "entryPortion"));
        line(text, "code", Json.text(f, "codeSize") + " bytes, sha256 " + Json.text(f, "codeSha256"));
        line(text, "created", Json.text(f, "createdAt"));
        line(text, "updated", Json.text(f, "updatedAt"));
        JsonObject policy = f.getJsonObject("policy");
        if (policy != null) {
            String egress = policy.getJsonArray("egress") == null
                            || policy.getJsonArray("egress").isEmpty()
                    ? "none"
                    : policy.getJsonArray("egress").getValuesAs(jakarta.json.JsonString.class).stream()
                            .map(jakarta.json.JsonString::getString)
                            .collect(Collectors.joining(", "));
            line(
                    text,
                    "policy",
                    Json.text(policy, "memoryMb") + " MiB, " + Json.text(policy, "timeoutMillis") + " ms, "
                            + Json.text(policy, "maxProcesses") + " processes, /tmp " + Json.text(policy, "tmpMb")
                            + " MiB, CPU " + Json.text(policy, "cpuPercent") + "%, "
                            + Json.text(policy, "isolation") + ", egress " + egress);
        }
        if (f.getJsonArray("portions") != null) {
            Table portions = new Table("PORTION", "PATH", "HANDLER", "TRUST");
            for (JsonValue value : f.getJsonArray("portions")) {
                JsonObject p = value.asJsonObject();
                portions.row(
                        Json.text(p, "name"),
                        Json.text(p, "path"),
                        Json.text(p, "handler"),
                        Json.text(p, "trustLevel"));
            }
            text.append(portions.render());
        }
        return text.toString();
    }

    public static String activations(JsonValue activations) {
        Table table = new Table("ACTIVATION", "FUNCTION", "STATUS", "START", "STARTED", "DURATION");
        for (JsonValue value : activations.asJsonArray()) {
            JsonObject a = value.asJsonObject();
            table.row(
                    Json.text(a, "id"),
                    Json.text(a, "functionName"),
                    Json.text(a, "status"),
                    Json.text(a, "startKind"),
                    Json.text(a, "startedAt"),
                    Json.text(a, "durationMillis") + " ms");
        }
        return table.render();
    }

    public static String jobs(JsonValue jobs) {
        Table table = new Table("JOB", "FUNCTION", "OWNER", "STATUS", "DONE", "FAILED", "CREATED", "ENDED");
        for (JsonValue value : jobs.asJsonArray()) {
            JsonObject j = value.asJsonObject();
            table.row(
                    Json.text(j, "id"),
                    Json.text(j, "functionName"),
                    Json.text(j, "owner"),
                    Json.text(j, "status"),
                    Json.text(j, "recordsDone") + "/" + Json.text(j, "recordsTotal"),
                    Json.text(j, "recordsFailed"),
                    Json.text(j, "createdAt"),
                    Json.text(j, "endedAt"));
        }
        return table.render();
    }

    public static String job(JsonValue job) {
        JsonObject j = job.asJsonObject();
        StringBuilder text = new StringBuilder();
        line(text, "job", Json.text(j, "id"));
        line(text, "function", Json.text(j, "functionName"));
        line(text, "owner", Json.text(j, "owner"));
        line(text, "status", Json.text(j, "status"));
        line(text, "progress", progress(j));
        line(text, "created", Json.text(j, "createdAt"));
        line(text, "started", Json.text(j, "startedAt"));
        line(text, "ended", Json.text(j, "endedAt"));
        return text.toString();
    }

    /** A job in one line: {@code job ID of NAME: completed, 3 of 3 done, 0 failed}. */
    public static String jobLine(JsonValue job) {
        JsonObject j = job.asJsonObject();
        return "job " + Json.text(j, "id") + " of " + Json.text(j, "functionName") + ": " + Json.text(j, "status")
                + ", " + progress(j);
    }

    private static String progress(JsonObject job) {
        return Json.text(job, "recordsDone") + " of " + Json.text(job, "recordsTotal") + " done, "
                + Json.text(job, "recordsFailed") + " failed";
    }

    /** An activation's heading, its output (the log tail) indented, then its structured log lines. */
    public static String logs(JsonValue activation, JsonValue lines) {
        JsonObject a = activation.asJsonObject();
        StringBuilder text = new StringBuilder();
        text.append("activation ")
                .append(Json.text(a, "id"))
                .append("  ")
                .append(Json.text(a, "functionName"))
                .append("  ")
                .append(Json.text(a, "status"))
                .append("  ")
                .append(Json.text(a, "startKind"))
                .append("  ")
                .append(Json.text(a, "startedAt"))
                .append("  ")
                .append(Json.text(a, "durationMillis"))
                .append(" ms\n");
        String tail = Json.text(a, "logTail");
        tail.lines().forEach(line -> text.append("  | ").append(line).append('\n'));
        for (JsonValue value : lines.asJsonArray()) {
            JsonObject l = value.asJsonObject();
            text.append("  ")
                    .append(Json.text(l, "recordedAt"))
                    .append(' ')
                    .append(Json.text(l, "level"))
                    .append(' ')
                    .append(Json.text(l, "message"));
            String fields = Json.text(l, "fields");
            if (!fields.isEmpty()) {
                text.append(' ').append(fields);
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-14s%s%n", label + ":", value));
    }
}
