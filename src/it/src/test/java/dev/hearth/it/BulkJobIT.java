package dev.hearth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bulk invocation jobs against the real stack: a job runs every record once and its results are
 * downloadable; a hostile archive starts nothing; another user's job is not there; a job whose
 * function is deleted fails and sends no record to whoever deploys the name next (ADR 57); and a
 * job whose Payara is killed with SIGKILL mid-job is resumed when Payara is back and completes with
 * each record's result once, redoing at most the one chunk that was under way, also when its row is
 * one of an older database, without its function's identity.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BulkJobIT {

    private static final String FUNCTION = "bulk-it";
    private static final Path IT_DIR = Path.of(System.getProperty("hearth.it.dir", "../../.hearth/it"));
    private static final Path IT_ENV = Path.of("it-env").toAbsolutePath();
    private static final int CHUNK = 10;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Returns its event's index after sleeping the event's milliseconds. */
    private static final String APP = "import time\n"
            + "def handler(event, context):\n"
            + "    time.sleep(event.get('sleepMs', 0) / 1000)\n"
            + "    return {'index': event['i']}\n";

    /** The function another developer deploys under a name a job's function had. */
    private static final String TAKER = "def handler(event, context):\n    return {'takenBy': 'dev2'}\n";

    private static final String MANIFEST = "{\"runtime\": \"python3\", \"entryPortion\": \"main\","
            + " \"portions\": [{\"name\": \"main\", \"path\": \".\", \"handler\": \"app.handler\","
            + " \"trustLevel\": \"untrusted\"}]}";

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @BeforeAll
    static void deployTheFunction() {
        deploy(FUNCTION);
    }

    @BeforeEach
    void freshTokens() {
        HearthApi.forgetTokens();
    }

    @Test
    void aJobInvokesEveryRecordOnceAndItsResultsAreDownloadable() {
        int records = 35;
        String job = start("dev", FUNCTION, records(records, 0));
        JsonObject done = awaitStatus("dev", job, "completed", Duration.ofSeconds(120));
        assertEquals(records, done.getInt("recordsTotal"));
        assertEquals(records, done.getInt("recordsDone"));
        assertEquals(0, done.getInt("recordsFailed"));

        List<JsonObject> lines = results("dev", job);
        assertEquals(
                IntStream.range(0, records).boxed().toList(),
                lines.stream().map(l -> l.getInt("index")).toList(),
                "every record once, in order");
        for (JsonObject line : lines) {
            assertEquals("success", line.getString("status"), line.toString());
            assertEquals(line.getInt("index"), line.getJsonObject("result").getInt("index"), line.toString());
            assertEquals(
                    200,
                    HearthApi.get("dev", "/activations/" + line.getString("activationId"))
                            .status());
        }
        assertTrue(
                HearthApi.parse(HearthApi.get("dev", "/jobs").body()).asJsonArray().stream()
                        .anyMatch(j -> j.asJsonObject().getString("id").equals(job)),
                "listed as dev's");
    }

    @Test
    void aHostileOrMalformedDataSetStartsNothing() {
        int before = jobs("dev");
        HearthApi.Answer link = upload("dev", FUNCTION, "application/gzip", Archives.tarGzWithLinkOut("{}"));
        assertEquals(400, link.status(), link.body());
        assertEquals("https://hearth.dev/problems/invalid-data-set", link.json().getString("type"));
        HearthApi.Answer bomb = upload("dev", FUNCTION, "application/zip", Archives.zipBomb("{}", 200));
        assertEquals(400, bomb.status(), bomb.body());
        HearthApi.Answer notJson = upload(
                "dev", FUNCTION, "application/x-ndjson", "{\"i\": 1}\nnot json\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notJson.status(), notJson.body());
        assertTrue(notJson.body().contains("line 2"), notJson.body());
        HearthApi.Answer damaged = upload("dev", FUNCTION, "application/zip", "PK\u0003\u0004broken".getBytes());
        assertEquals(400, damaged.status(), damaged.body());
        assertEquals(before, jobs("dev"), "no job was started");
    }

    @Test
    void anotherUsersJobIsNotFound() {
        String job = start("dev", FUNCTION, records(3, 0));
        assertEquals(404, HearthApi.get("dev2", "/jobs/" + job).status());
        assertEquals(404, HearthApi.get("dev2", "/jobs/" + job + "/results").status());
        assertEquals(
                404,
                HearthApi.post("dev2", "/jobs/" + job + "/stop", "application/json", "")
                        .status());
        assertEquals(
                404,
                HearthApi.post("dev2", "/jobs/" + job + "/restart", "application/json", "")
                        .status());
        assertTrue(HearthApi.parse(HearthApi.get("dev2", "/jobs").body()).asJsonArray().stream()
                .noneMatch(j -> j.asJsonObject().getString("id").equals(job)));
        assertEquals(200, HearthApi.get("admin", "/jobs/" + job).status(), "an admin sees every job");
        awaitStatus("dev", job, "completed", Duration.ofSeconds(60));
    }

    @Test
    void aJobWhoseFunctionIsDeletedFailsAndSendsNoRecordToTheNamesNextOwner() {
        String function = "bulk-it-taken";
        HearthApi.delete("dev2", "/functions/" + function);
        deploy(function);
        int records = 300;
        String job = start("dev", function, records(records, 100));
        Fleet.await(() -> job("dev", job), j -> j.getInt("recordsDone") >= CHUNK, Duration.ofSeconds(120), "a chunk");

        assertEquals(204, HearthApi.delete("dev", "/functions/" + function).status());
        HearthApi.Answer taken = HearthApi.put(
                "dev2",
                "/functions/" + function,
                "application/zip",
                Archives.zipOfText(Map.of("hearth.json", MANIFEST, "app.py", TAKER)));
        assertEquals(201, taken.status(), taken.body());
        HearthApi.Answer granted =
                HearthApi.put("dev2", "/functions/" + function + "/grants/user:dev", "text/plain", new byte[0]);
        assertEquals(201, granted.status(), granted.body());

        JsonObject failed = awaitStatus("dev", job, "failed", Duration.ofSeconds(60));
        assertTrue(failed.getInt("recordsDone") < records, "ended before its last record: " + failed);
        assertTrue(
                failed.getString("problem").startsWith("function '" + function + "' was deleted since job " + job),
                failed.toString());
        HearthApi.Answer restart = HearthApi.post("dev", "/jobs/" + job + "/restart", "application/json", "");
        assertEquals(409, restart.status(), restart.body());
        assertEquals(
                "https://hearth.dev/problems/job-state-conflict", restart.json().getString("type"));
        assertEquals(failed.getString("problem"), restart.json().getString("detail"));

        HearthApi.Answer activations = HearthApi.get("dev2", "/functions/" + function + "/activations");
        assertEquals(200, activations.status(), activations.body());
        assertEquals(
                0,
                HearthApi.parse(activations.body()).asJsonArray().size(),
                "no record of dev's reached dev2's function: " + activations.body());
        List<JsonObject> lines = results("dev", job);
        assertTrue(lines.size() >= CHUNK, lines.size() + " results");
        assertTrue(lines.stream().noneMatch(l -> l.toString().contains("takenBy")), "no answer of dev2's function");
        assertEquals(204, HearthApi.delete("dev2", "/functions/" + function).status());
    }

    @Test
    void aJobWhosePayaraIsKilledResumesAndRunsEachRecordOnce() throws Exception {
        String function = "bulk-it-killed";
        deploy(function);
        int records = 300;
        String job = start("dev", function, records(records, 100));
        JsonObject atKill = Fleet.await(
                () -> job("dev", job), j -> j.getInt("recordsDone") >= 3 * CHUNK, Duration.ofSeconds(120), "30 done");
        killPayara();
        assertNotEquals("completed", atKill.getString("status"), "killed mid-job");
        // As a row of an older database, which jobs recorded no function's identity in: its function
        // was deployed before it started, so the migration at start binds it to that function.
        ItDatabase.sql("UPDATE hearth_bulk_job SET function_id = NULL WHERE id = '" + job + "'");

        startPayara();
        HearthApi.forgetTokens();
        JsonObject done = awaitStatus("dev", job, "completed", Duration.ofSeconds(300));
        assertEquals(records, done.getInt("recordsDone"));
        assertEquals(0, done.getInt("recordsFailed"));
        List<JsonObject> lines = results("dev", job);
        assertEquals(
                IntStream.range(0, records).boxed().toList(),
                lines.stream().map(l -> l.getInt("index")).toList(),
                "every record once");
        int activations = HearthApi.parse(HearthApi.get("dev", "/functions/" + function + "/activations?limit=500")
                        .body())
                .asJsonArray()
                .size();
        assertTrue(
                activations >= records && activations <= records + CHUNK,
                activations + " activations for " + records + " records: at most one chunk redone");
    }

    private static void deploy(String name) {
        HearthApi.deployAnew(name, Archives.zipOfText(Map.of("hearth.json", MANIFEST, "app.py", APP)));
    }

    private static String records(int count, int sleepMs) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"i\": " + i + ", \"sleepMs\": " + sleepMs + "}")
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String start(String user, String function, String ndjson) {
        HearthApi.Answer started =
                upload(user, function, "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, started.status(), started.body());
        String id = started.json().getString("id");
        assertEquals(
                "/api/v1/jobs/" + id, URI.create(started.header("Location")).getPath());
        return id;
    }

    private static HearthApi.Answer upload(String user, String function, String type, byte[] body) {
        return HearthApi.send(HearthApi.request(user, "/functions/" + function + "/jobs")
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static JsonObject job(String user, String id) {
        HearthApi.Answer answer = HearthApi.get(user, "/jobs/" + id);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private static int jobs(String user) {
        return HearthApi.parse(HearthApi.get(user, "/jobs").body())
                .asJsonArray()
                .size();
    }

    private static JsonObject awaitStatus(String user, String id, String status, Duration timeout) {
        return Fleet.await(
                () -> apiUp() ? job(user, id) : null,
                j -> j != null && j.getString("status").equals(status),
                timeout,
                "job " + id + " " + status);
    }

    private static List<JsonObject> results(String user, String id) {
        try {
            HttpResponse<byte[]> answer = HTTP.send(
                    HearthApi.request(user, "/jobs/" + id + "/results").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, answer.statusCode());
            assertEquals(
                    "application/gzip",
                    answer.headers().firstValue("Content-Type").orElse(""));
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .map(l -> (JsonObject) HearthApi.parse(l))
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL to the domain's JVM (its pid file), and wait until it is gone. */
    private static void killPayara() throws IOException {
        long pid = Long.parseLong(
                Files.readString(IT_DIR.resolve("payara/hearth/config/pid")).strip());
        ProcessHandle payara = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no Payara " + pid));
        payara.destroyForcibly();
        payara.onExit().join();
    }

    /** Starts what is not running, Payara with the EAR it had, keeping the data: it-env start. */
    private static void startPayara() throws IOException, InterruptedException {
        Process start = new ProcessBuilder(IT_ENV.toString(), "start")
                .redirectErrorStream(true)
                .redirectOutput(IT_DIR.resolve("logs/bulk-job-it-start.log").toFile())
                .start();
        assertEquals(0, start.waitFor(), "it-env start (see logs/bulk-job-it-start.log)");
        Fleet.await(BulkJobIT::apiUp, up -> up, Duration.ofSeconds(180), "the API back");
    }

    private static boolean apiUp() {
        try {
            return HearthApi.get("dev", "/functions").status() == 200;
        } catch (UncheckedIOException notYetListening) {
            return false;
        }
    }
}
