package dev.hearth.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** {@code hearth-cli jobs} against a scripted API: what it sends, prints, and how it fails. */
class JobsCommandTest extends ScriptedApiTest {

    private static final String ID = "5f0c9a52-8d1e-4b7a-a3c4-0123456789ab";
    private static final String JOBS = "/api/v1/jobs/" + ID;
    private static final String RECORDS = "{\"name\":\"a\"}\n{\"name\":\"b\"}\n\n{\"name\":\"c\"}\n";

    private static String job(String status, int done, int failed, String endedAt) {
        return "{\"id\":\"" + ID + "\",\"functionName\":\"hello\",\"owner\":\"dev\",\"status\":\"" + status
                + "\",\"recordsTotal\":3,\"recordsDone\":" + done + ",\"recordsFailed\":" + failed
                + ",\"createdAt\":\"2026-12-04T11:00:00Z\",\"startedAt\":\"2026-12-04T11:00:01Z\""
                + (endedAt == null ? "" : ",\"endedAt\":\"" + endedAt + "\"") + "}";
    }

    @Test
    void startSendsJsonLinesAsTheyAreAndPrintsTheJobsId() throws IOException {
        server.json("POST /api/v1/functions/hello/jobs", 202, job("starting", 0, 0, null));
        Path records = Files.writeString(home.resolve("records.jsonl"), RECORDS);

        CliRunner.Result start = cli.run("jobs", "start", "hello", records.toString());

        assertEquals(0, start.exit(), start.err());
        assertEquals(ID + "\n", start.out());
        assertEquals("started job " + ID + " of hello: starting, 0 of 3 done, 0 failed\n", start.err());
        ScriptedServer.Request sent =
                server.requests("POST /api/v1/functions/hello/jobs").get(0);
        assertEquals("application/x-ndjson", sent.header("Content-Type"));
        assertEquals(RECORDS, sent.body());

        CliRunner.Result json = cli.run("jobs", "start", "hello", records.toString(), "--output", "json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().startsWith("{\n"), json.out());
        assertTrue(json.out().contains("\"status\": \"starting\""), json.out());
    }

    @Test
    void theMediaTypeComesFromTheFilesName() throws IOException {
        server.json("POST /api/v1/functions/hello/jobs", 202, job("starting", 0, 0, null));
        byte[] tarGz = tarGz("part-1.jsonl", RECORDS);
        byte[] zip = zip("part-1.jsonl", RECORDS);
        List<Path> files = List.of(
                Files.writeString(home.resolve("a.ndjson"), RECORDS),
                Files.writeString(home.resolve("a.json"), RECORDS),
                Files.write(home.resolve("a.tar.gz"), tarGz),
                Files.write(home.resolve("a.tgz"), tarGz),
                Files.write(home.resolve("a.zip"), zip));

        for (Path file : files) {
            CliRunner.Result start = cli.run("jobs", "start", "hello", file.toString());
            assertEquals(0, start.exit(), file + ": " + start.err());
        }

        List<String> types = server.requests("POST /api/v1/functions/hello/jobs").stream()
                .map(r -> r.header("Content-Type"))
                .toList();
        assertEquals(
                List.of(
                        "application/x-ndjson",
                        "application/x-ndjson",
                        "application/gzip",
                        "application/gzip",
                        "application/zip"),
                types);
        assertArrayEquals(
                zip,
                server.requests("POST /api/v1/functions/hello/jobs")
                        .get(4)
                        .body()
                        .getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aFileOfAnotherKindOrADataSetTheServerWouldRefuseExitsTwoUnsent() throws IOException {
        Path csv = Files.writeString(home.resolve("records.csv"), "name\na\n");
        Path broken = Files.writeString(home.resolve("broken.jsonl"), "{\"name\":\"a\"}\n{oops\n");
        Path badArchive = Files.write(home.resolve("broken.zip"), new byte[] {1, 2, 3});

        CliRunner.Result other = cli.run("jobs", "start", "hello", csv.toString());
        assertEquals(2, other.exit());
        assertEquals(
                "error: not-a-data-set: " + csv + ": give JSON lines (.jsonl, .ndjson, .json), a .tar.gz (.tgz)"
                        + " or a .zip of JSON-lines files\n",
                other.err());

        CliRunner.Result invalid = cli.run("jobs", "start", "hello", broken.toString());
        assertEquals(2, invalid.exit());
        assertEquals("error: invalid-data-set: the data set line 2 is not one JSON value\n", invalid.err());

        CliRunner.Result damaged = cli.run("jobs", "start", "hello", badArchive.toString());
        assertEquals(2, damaged.exit());
        assertTrue(damaged.err().startsWith("error: invalid-data-set: "), damaged.err());
        assertEquals(1, damaged.err().lines().count(), damaged.err());

        CliRunner.Result missing =
                cli.run("jobs", "start", "hello", home.resolve("nowhere.jsonl").toString());
        assertEquals(2, missing.exit());
        assertEquals("error: no-such-file: " + home.resolve("nowhere.jsonl") + " is no file\n", missing.err());

        assertEquals(2, cli.run("jobs", "start", "hello").exit());
        assertEquals(2, cli.run("jobs").exit());
        assertNothingSentToTheApi();
    }

    @Test
    void theServersRefusalIsOneLine() throws IOException {
        server.problem("POST /api/v1/functions/nope/jobs", 404, "function-not-found", "no function 'nope'");
        Path records = Files.writeString(home.resolve("records.jsonl"), RECORDS);

        CliRunner.Result start = cli.run("jobs", "start", "nope", records.toString());

        assertEquals(3, start.exit());
        assertEquals("error: function-not-found: no function 'nope'\n", start.err());
        assertEquals("", start.out());
    }

    @Test
    void listAndGetShowProgressStatusAndTimes() {
        server.json("GET /api/v1/jobs", 200, "[" + job("completed", 3, 1, "2026-12-04T11:00:09Z") + "]");
        server.json("GET " + JOBS, 200, job("started", 2, 0, null));

        CliRunner.Result list = cli.run("jobs", "list");
        assertEquals(0, list.exit(), list.err());
        assertEquals(
                "JOB                                   FUNCTION  OWNER  STATUS     DONE  FAILED  CREATED"
                        + "               ENDED\n"
                        + ID + "  hello     dev    completed  3/3   1       2026-12-04T11:00:00Z"
                        + "  2026-12-04T11:00:09Z\n",
                list.out());

        CliRunner.Result get = cli.run("jobs", "get", ID);
        assertEquals(0, get.exit(), get.err());
        assertEquals(
                "job:          " + ID + "\nfunction:     hello\nowner:        dev\nstatus:       started\n"
                        + "progress:     2 of 3 done, 0 failed\ncreated:      2026-12-04T11:00:00Z\n"
                        + "started:      2026-12-04T11:00:01Z\nended:        \n",
                get.out());
        assertTrue(cli.run("jobs", "get", ID, "-o", "json").out().contains("\"recordsDone\": 2"));
    }

    @Test
    void stopAndRestartSayWhereTheJobIs() {
        server.json("POST " + JOBS + "/stop", 200, job("stopping", 1, 0, null));
        server.json("POST " + JOBS + "/restart", 200, job("starting", 1, 0, null));
        server.problem("POST /api/v1/jobs/other/restart", 409, "job-state-conflict", "the job is running");

        CliRunner.Result stop = cli.run("jobs", "stop", ID);
        assertEquals(0, stop.exit(), stop.err());
        assertEquals("job " + ID + " of hello: stopping, 1 of 3 done, 0 failed\n", stop.out());

        CliRunner.Result restart = cli.run("jobs", "restart", ID);
        assertEquals(0, restart.exit(), restart.err());
        assertEquals("job " + ID + " of hello: starting, 1 of 3 done, 0 failed\n", restart.out());

        CliRunner.Result conflict = cli.run("jobs", "restart", "other");
        assertEquals(1, conflict.exit());
        assertEquals("error: job-state-conflict: the job is running\n", conflict.err());
    }

    @Test
    void resultsAreJsonLinesFromEveryChunkOrTheServersFile() throws IOException {
        String first = "{\"index\":0,\"status\":\"success\",\"result\":1}\n";
        String second = "{\"index\":1,\"status\":\"error\",\"result\":2}\n";
        byte[] file = concat(gzip(first), gzip(second));
        server.on("GET " + JOBS + "/results", 200, "application/gzip", file);

        CliRunner.Result results = cli.run("jobs", "results", ID);

        assertEquals(0, results.exit(), results.err());
        assertEquals(first + second, results.out());
        assertEquals("", results.err());
        assertTrue(server.requests("GET " + JOBS + "/results")
                .get(0)
                .header("Accept")
                .startsWith("application/gzip"));

        Path gz = home.resolve("results.jsonl.gz");
        assertEquals(0, cli.run("jobs", "results", ID, "--out", gz.toString()).exit());
        assertArrayEquals(file, Files.readAllBytes(gz));
        Path plain = home.resolve("results.jsonl");
        CliRunner.Result written = cli.run("jobs", "results", ID, "--out", plain.toString());
        assertEquals(0, written.exit(), written.err());
        assertEquals(first + second, Files.readString(plain));
        assertEquals("wrote the results of job " + ID + " into " + plain + "\n", written.err());
        assertEquals("", written.out());
    }

    @Test
    void resultsOfAJobWithNoneYetAreEmptyAndOfAnUnknownJobOneLine() {
        server.on("GET " + JOBS + "/results", 200, "application/gzip", new byte[0]);
        server.problem("GET /api/v1/jobs/theirs/results", 404, "job-not-found", "no job 'theirs'");

        CliRunner.Result none = cli.run("jobs", "results", ID);
        assertEquals(0, none.exit(), none.err());
        assertEquals("", none.out());

        CliRunner.Result unknown = cli.run("jobs", "results", "theirs");
        assertEquals(3, unknown.exit());
        assertEquals("error: job-not-found: no job 'theirs'\n", unknown.err());
    }

    @Test
    void verboseTellsTheSizeOfTheGzippedResultsNotTheirBytes() throws IOException {
        byte[] file = gzip("{\"index\":0}\n");
        server.on("GET " + JOBS + "/results", 200, "application/gzip", file);

        CliRunner.Result verbose = cli.run("jobs", "results", ID, "--verbose");

        assertEquals(0, verbose.exit(), verbose.err());
        assertTrue(verbose.err().contains("\n<" + file.length + " bytes application/gzip>\n"), verbose.err());
        assertFalse(verbose.err().contains("\u001f"), "no gzip bytes on the terminal");
    }

    @Test
    void waitAsksUntilTheJobHasEnded() {
        server.json("GET " + JOBS, 200, job("starting", 0, 0, null));
        server.json("GET " + JOBS, 200, job("started", 2, 0, null));
        server.json("GET " + JOBS, 200, job("completed", 3, 1, "2026-12-04T11:00:09Z"));

        CliRunner.Result wait = cli.run("jobs", "wait", ID, "--interval", "0.01");

        assertEquals(0, wait.exit(), wait.err());
        assertEquals("job " + ID + " of hello: completed, 3 of 3 done, 1 failed\n", wait.out());
        assertEquals(3, server.requests("GET " + JOBS).size());
    }

    @Test
    void waitForAJobThatFailedOrDoesNotEndInTimeExitsOne() {
        server.json("GET " + JOBS, 200, job("failed", 1, 0, "2026-12-04T11:00:09Z"));
        server.json("GET /api/v1/jobs/slow", 200, job("started", 1, 0, null));

        CliRunner.Result failed = cli.run("jobs", "wait", ID);
        assertEquals(1, failed.exit());
        assertEquals("job " + ID + " of hello: failed, 1 of 3 done, 0 failed\n", failed.out());
        assertEquals(
                "error: job-failed: job " + ID + " ended failed (jobs restart " + ID + " goes on)\n", failed.err());

        CliRunner.Result slow = cli.run("jobs", "wait", "slow", "--timeout", "0.2", "--interval", "0.05");
        assertEquals(1, slow.exit());
        assertEquals("error: timeout: job slow is still started after 0.2 s\n", slow.err());
        assertTrue(server.requests("GET /api/v1/jobs/slow").size() > 1, "it asked again before giving up");

        assertEquals(2, cli.run("jobs", "wait", ID, "--interval", "0").exit());
        assertEquals(2, cli.run("jobs", "wait", ID, "--timeout", "-1").exit());
    }

    @Test
    void waitForAJobWhoseFunctionWasDeletedSaysSoAndOffersNoRestart() {
        String problem = "function 'hello' was deleted since job " + ID + " started";
        server.json(
                "GET " + JOBS,
                200,
                job("failed", 1, 0, "2026-12-04T11:00:09Z").replace("}", ",\"problem\":\"" + problem + "\"}"));

        CliRunner.Result failed = cli.run("jobs", "wait", ID);

        assertEquals(1, failed.exit());
        assertEquals("error: job-failed: job " + ID + " ended failed: " + problem + "\n", failed.err());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] tarGz(String name, String text) throws IOException {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(String name, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
