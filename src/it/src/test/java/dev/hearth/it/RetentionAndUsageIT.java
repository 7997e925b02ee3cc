package dev.hearth.it;

import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.post;
import static dev.hearth.it.HearthApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metering jobs against the real stack: the usage rollup sums each user's invocations per
 * complete hour (each user sees their own, admins everyone's), and the retention job moves
 * records past the retention into a day's .tar.gz, which admins download and read back, and
 * deletes them with the log lines and metric samples their invocations sent. Records are made old
 * in the ITs' PostgreSQL: no API call backdates an invocation.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RetentionAndUsageIT {

    private static final String USAGE_FUNCTION = "usage-it";
    private static final String OLD_FUNCTION = "retention-it";
    private static final String SINK_FUNCTION = "retention-sink-it";
    /** hello-python's policy. */
    private static final int POLICY_MEMORY_MB = 128;

    private static final int OVERRIDE_MEMORY_MB = 64;

    /** How far records are moved back: past the default retention of 30. */
    private static final int OLD_DAYS = 40;

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @Test
    void theRollupSumsEachUsersInvocationsOfCompleteHours() throws Exception {
        deploy(USAGE_FUNCTION);
        List<JsonObject> runs = new ArrayList<>();
        runs.add(invoke(USAGE_FUNCTION, ""));
        runs.add(invoke(USAGE_FUNCTION, ""));
        runs.add(invoke(USAGE_FUNCTION, "?memoryMb=" + OVERRIDE_MEMORY_MB));
        // An hour back: their hour is complete, and among those a rollup recomputes.
        ItDatabase.sql("UPDATE hearth_activation SET started_at = started_at - interval '1 hour' WHERE id IN ("
                + ItDatabase.quoted(
                        runs.stream().map(r -> r.getString("activationId")).toList()) + ")");
        long expectedMegabyteMillis = 0;
        for (int i = 0; i < runs.size(); i++) {
            long durationMillis = activation(runs.get(i).getString("activationId"))
                    .getJsonNumber("durationMillis")
                    .longValueExact();
            expectedMegabyteMillis += durationMillis * (i == 2 ? OVERRIDE_MEMORY_MB : POLICY_MEMORY_MB);
        }

        runToCompletion("usage-rollup");

        Instant now = Instant.now();
        String window = "?from=" + now.minus(Duration.ofHours(6)).truncatedTo(ChronoUnit.HOURS) + "&to=" + now;
        Map<String, long[]> devs = totals(usage("dev", window), USAGE_FUNCTION);
        assertEquals(Set.of("dev"), devs.keySet(), "dev's own usage");
        assertEquals(3, devs.get("dev")[0], "invocations");
        assertEquals(0, devs.get("dev")[1], "errors");
        assertEquals(expectedMegabyteMillis, devs.get("dev")[2], "duration times memory, the override's for the third");

        usage("dev", window).stream()
                .map(JsonValue::asJsonObject)
                .filter(hour -> hour.getString("function").equals(USAGE_FUNCTION))
                .forEach(hour -> assertTrue(
                        OffsetDateTime.parse(hour.getString("hour"))
                                .toInstant()
                                .isBefore(now.minus(Duration.ofHours(1))),
                        "counted in the hour they started in, an hour back: " + hour));

        assertEquals(Map.of(), totals(usage("dev2", window), USAGE_FUNCTION), "another developer sees none of them");
        assertEquals(403, get("dev2", "/usage" + window + "&user=dev").status(), "nor asks for them");

        Map<String, long[]> admins = totals(usage("admin", window), USAGE_FUNCTION);
        assertEquals(3, admins.get("dev")[0], "an admin sees everyone's");
        assertEquals(
                3, totals(usage("admin", window + "&user=dev"), USAGE_FUNCTION).get("dev")[0]);
        assertEquals(Map.of(), totals(usage("admin", window + "&user=dev2"), USAGE_FUNCTION));

        assertEquals(400, get("dev", "/usage?from=yesterday").status());
        assertEquals(
                400,
                get("dev", "/usage?from=" + now + "&to=" + now.minusSeconds(3600))
                        .status());
    }

    @Test
    void recordsPastTheRetentionAreArchivedByDayAndGone() throws Exception {
        deploy(OLD_FUNCTION);
        List<String> firstIds = List.of(
                invoke(OLD_FUNCTION, "").getString("activationId"),
                invoke(OLD_FUNCTION, "").getString("activationId"));
        Map<String, JsonObject> before = new HashMap<>();
        firstIds.forEach(id -> before.put(id, activation(id)));
        LocalDate day = ItDatabase.makeOld(firstIds, OLD_DAYS).get(0);

        assertEquals(30, get("admin", "/admin/retention").json().getInt("activationRetentionDays"), "the default");
        runToCompletion("retention");

        for (String id : firstIds) {
            assertEquals(404, get("dev", "/activations/" + id).status(), id + " is gone from the activations API");
        }
        JsonObject listed = archiveOf(day);
        Map<String, JsonObject> archived = read(day);
        assertTrue(archived.keySet().containsAll(firstIds), archived.keySet().toString());
        assertEquals(archived.size(), listed.getInt("records"), "the listing counts the records");
        for (String id : firstIds) {
            JsonObject record = archived.get(id);
            JsonObject was = before.get(id);
            assertEquals(OLD_FUNCTION, record.getString("functionName"));
            assertEquals("dev", record.getString("caller"));
            assertEquals(was.getString("status"), record.getString("status"));
            assertEquals(was.getString("instanceId"), record.getString("instanceId"));
            assertEquals(
                    was.getJsonNumber("durationMillis").longValueExact(),
                    record.getJsonNumber("durationMs").longValueExact());
            assertEquals(was.getString("logTail", null), record.getString("logTail", null), "the log tail");
            assertEquals(POLICY_MEMORY_MB, record.getInt("memoryMb"));
            Duration shift = Duration.between(
                    OffsetDateTime.parse(record.getString("startedAt")),
                    OffsetDateTime.parse(was.getString("startedAt")));
            assertTrue(
                    shift.minusDays(OLD_DAYS).abs().compareTo(Duration.ofNanos(1_000)) < 0,
                    "as stored, 40 days back (PostgreSQL keeps microseconds): " + shift);
        }
        assertEquals(devsRecords(archived), usageOfDay(day), "the day's usage was summed before its records left");

        // A record of the same day that comes later: the day's archive keeps the old ones and adds it.
        String late = invoke(OLD_FUNCTION, "").getString("activationId");
        ItDatabase.makeOld(List.of(late), OLD_DAYS);
        runToCompletion("retention");
        Map<String, JsonObject> again = read(day);
        assertTrue(
                again.keySet().containsAll(firstIds) && again.containsKey(late),
                again.keySet().toString());
        assertEquals(archived.size() + 1, again.size(), "each record once");
        assertEquals(again.size(), archiveOf(day).getInt("records"));
        assertEquals(devsRecords(again), usageOfDay(day), "the day's usage counts the late record too");
    }

    @Test
    void theLogLinesAndMetricSamplesOfArchivedActivationsGoWithThem() throws Exception {
        HearthApi.deployAnew(SINK_FUNCTION, sinkFunction());
        try {
            List<String> oldIds = List.of(sink(1), sink(2));
            String recent = sink(4);
            assertEquals(List.of("4"), recordsOf(oldIds), "a log line and a metric sample each");
            assertEquals(7.0, orders().getJsonNumber("sum").doubleValue(), "the samples of all three");
            LocalDate day = ItDatabase.makeOld(oldIds, OLD_DAYS).get(0);

            runToCompletion("retention");

            assertTrue(read(day).keySet().containsAll(oldIds), "the old activations are archived");
            assertEquals(List.of("0"), recordsOf(oldIds), "their log lines and metric samples are deleted");
            assertEquals(List.of("2"), recordsOf(List.of(recent)), "the recent activation's stay");
            JsonObject orders = orders();
            assertEquals(1, orders.getInt("count"), orders.toString());
            assertEquals(4.0, orders.getJsonNumber("sum").doubleValue(), "the recent activation's sample alone");
            JsonArray lines = HearthApi.parse(
                            get("dev", "/activations/" + recent + "/logs").body())
                    .asJsonArray();
            assertEquals(
                    List.of("run 4"),
                    lines.getValuesAs(JsonObject.class).stream()
                            .map(line -> line.getString("message"))
                            .toList());
            assertEquals(
                    404, get("dev", "/activations/" + oldIds.get(0) + "/logs").status());
        } finally {
            HearthApi.delete("dev", "/functions/" + SINK_FUNCTION);
        }
    }

    @Test
    void onlyAdminsRunJobsAndSetTheRetentionWithinItsRange() {
        assertEquals(
                403,
                post("dev", "/admin/jobs/retention", "application/json", "").status());
        assertEquals(403, get("dev", "/admin/archives").status());
        assertEquals(400, putRetention("{\"activationRetentionDays\":-1}").status());
        assertEquals(400, putRetention("{\"activationRetentionDays\":3651}").status());
        assertEquals(400, putRetention("{}").status());
        assertEquals(30, get("admin", "/admin/retention").json().getInt("activationRetentionDays"), "unchanged");
        HearthApi.Answer same = putRetention("{\"activationRetentionDays\":30}");
        assertEquals(200, same.status(), same.body());
        assertEquals(400, get("admin", "/admin/archives/last-week").status());
        assertEquals(404, get("admin", "/admin/archives/1999-01-01").status());
        assertEquals(
                404, get("admin", "/admin/jobs/retention/executions/987654321").status());
    }

    private static HearthApi.Answer putRetention(String json) {
        return put("admin", "/admin/retention", "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void deploy(String function) {
        HearthApi.delete("dev", "/functions/" + function);
        HearthApi.Answer deployed =
                put("dev", "/functions/" + function, "application/zip", Archives.example("hello-python"));
        assertEquals(201, deployed.status(), deployed.body());
    }

    private static JsonObject invoke(String function, String query) {
        HearthApi.Answer answer =
                post("dev", "/functions/" + function + "/invocations" + query, "application/json", "{}");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("success", answer.json().getString("status"), answer.body());
        return answer.json();
    }

    /** A trusted function that sends a log line "run N" and a sample N of metric "orders" per invocation. */
    private static byte[] sinkFunction() {
        return Archives.zipOfText(
                Map.of(
                        "hearth.json",
                        "{\"runtime\": \"python3\", \"portions\": [{\"name\": \"sink\", \"path\": \"sink\","
                                + " \"handler\": \"app.handler\", \"trustLevel\": \"trusted\"}], \"policy\":"
                                + " {\"memoryMb\": 64, \"credentialScopes\": [\"logs:write\", \"metrics:write\"]}}",
                        "sink/app.py",
                        """
                import json, os, urllib.request

                def post(context, kind, body):
                    request = urllib.request.Request(
                        os.environ["HEARTH_AUX_URL"] + "/invocations/" + context.aws_request_id + "/" + kind,
                        data=json.dumps(body).encode(),
                        headers={"Authorization": "Bearer " + os.environ["HEARTH_CREDENTIAL"],
                                 "Content-Type": "application/json"},
                        method="POST")
                    with urllib.request.urlopen(request, timeout=5) as response:
                        return response.status

                def handler(event, context):
                    n = event["n"]
                    return [post(context, "logs", {"lines": [{"level": "info", "message": "run %d" % n}]}),
                            post(context, "metrics", {"metrics": [{"name": "orders", "value": n, "unit": "count"}]})]
                """));
    }

    /** Invokes the sink function with N; its activation. */
    private static String sink(int n) {
        HearthApi.Answer answer =
                post("dev", "/functions/" + SINK_FUNCTION + "/invocations", "application/json", "{\"n\": " + n + "}");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("[204,204]", answer.json().getJsonArray("result").toString(), answer.body());
        return answer.json().getString("activationId");
    }

    /** How many log lines and metric samples of these activations the database holds. */
    private static List<String> recordsOf(List<String> activationIds) throws IOException, InterruptedException {
        return ItDatabase.column("SELECT count(*) FROM hearth_invocation_record WHERE activation_id IN ("
                + ItDatabase.quoted(activationIds) + ")");
    }

    /** The sink function's metric "orders" as its owner reads it. */
    private static JsonObject orders() {
        HearthApi.Answer answer = get("dev", "/functions/" + SINK_FUNCTION + "/metrics");
        assertEquals(200, answer.status(), answer.body());
        List<JsonObject> metrics = HearthApi.parse(answer.body()).asJsonArray().getValuesAs(JsonObject.class);
        assertEquals(1, metrics.size(), answer.body());
        assertEquals("orders", metrics.get(0).getString("name"));
        return metrics.get(0);
    }

    private static JsonObject activation(String id) {
        HearthApi.Answer answer = get("dev", "/activations/" + id);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    /** Runs the job now and waits until it completed on the member that started it. */
    private static void runToCompletion(String job) {
        HearthApi.Answer started = post("admin", "/admin/jobs/" + job, "application/json", "");
        assertEquals(202, started.status(), started.body());
        long executionId = started.json().getJsonNumber("executionId").longValueExact();
        String execution = "/admin/jobs/" + job + "/executions/" + executionId;
        assertTrue(started.header("Location").endsWith("/api/v1" + execution), started.header("Location"));
        String status = Fleet.await(
                () -> get("admin", execution).json().getString("status"),
                s -> !Set.of("STARTING", "STARTED").contains(s),
                Duration.ofSeconds(60),
                job + " to end");
        assertEquals("COMPLETED", status, job);
    }

    private static JsonArray usage(String user, String query) {
        HearthApi.Answer answer = get(user, "/usage" + query);
        assertEquals(200, answer.status(), answer.body());
        return HearthApi.parse(answer.body()).asJsonArray();
    }

    /** Per user: invocations, errors and megabyte-milliseconds of the function, summed over the hours. */
    private static Map<String, long[]> totals(JsonArray usage, String function) {
        Map<String, long[]> totals = new HashMap<>();
        for (JsonValue value : usage) {
            JsonObject hour = value.asJsonObject();
            if (!hour.getString("function").equals(function)) {
                continue;
            }
            long[] sum = totals.computeIfAbsent(hour.getString("user"), u -> new long[3]);
            sum[0] += hour.getJsonNumber("invocations").longValueExact();
            sum[1] += hour.getJsonNumber("errors").longValueExact();
            sum[2] += hour.getJsonNumber("megabyteMilliseconds").longValueExact();
            assertEquals(
                    hour.getJsonNumber("megabyteMilliseconds").longValueExact() / 1_024_000.0,
                    hour.getJsonNumber("gbSeconds").doubleValue(),
                    1e-9,
                    "GB-seconds");
        }
        return totals;
    }

    private static long usageOfDay(LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        long[] dev = totals(
                        usage("admin", "?user=dev&from=" + start + "&to=" + start.plus(Duration.ofDays(1))),
                        OLD_FUNCTION)
                .get("dev");
        return dev == null ? 0 : dev[0];
    }

    /** dev's records of the function in an archive (an earlier run of this test may have left some). */
    private static long devsRecords(Map<String, JsonObject> archived) {
        return archived.values().stream()
                .filter(r -> r.getString("functionName").equals(OLD_FUNCTION)
                        && r.getString("caller").equals("dev"))
                .count();
    }

    private static JsonObject archiveOf(LocalDate day) {
        HearthApi.Answer answer = get("admin", "/admin/archives");
        assertEquals(200, answer.status(), answer.body());
        List<JsonObject> ofDay = HearthApi.parse(answer.body()).asJsonArray().stream()
                .map(JsonValue::asJsonObject)
                .filter(a -> a.getString("day").equals(day.toString()))
                .toList();
        assertEquals(1, ofDay.size(), answer.body());
        assertTrue(ofDay.get(0).getJsonNumber("sizeBytes").longValueExact() > 0);
        return ofDay.get(0);
    }

    /** Downloads the day's archive and reads it back with gunzip and tar: the records by id, each once. */
    private static Map<String, JsonObject> read(LocalDate day) throws IOException {
        HttpResponse<byte[]> download = HearthApi.download("admin", "/admin/archives/" + day);
        assertEquals(200, download.statusCode());
        assertEquals(
                "application/gzip",
                download.headers().firstValue("Content-Type").orElse(""));
        Map<String, JsonObject> records = new HashMap<>();
        List<String> entries = new ArrayList<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(download.body())))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.add(entry.getName());
                for (String line : new String(tar.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    JsonObject record = HearthApi.parse(line).asJsonObject();
                    assertEquals(null, records.put(record.getString("id"), record), "each record once");
                }
            }
        }
        assertEquals(List.of("activations-" + day + ".jsonl"), entries);
        return records;
    }
}
