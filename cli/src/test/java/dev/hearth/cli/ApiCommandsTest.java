package dev.hearth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The function commands against a scripted API: what they send, print, and how they fail. */
class ApiCommandsTest extends ScriptedApiTest {

    private static final String FUNCTION = "{\"name\":\"hello\",\"owner\":\"dev\",\"runtime\":\"python3\","
            + "\"entryPortion\":\"main\",\"portions\":[{\"name\":\"main\",\"path\":\".\",\"handler\":\"app.handler\","
            + "\"trustLevel\":\"untrusted\",\"environment\":{},\"secrets\":[]}],\"policy\":{\"memoryMb\":128,"
            + "\"timeoutMillis\":3000,\"maxProcesses\":32,\"tmpMb\":16,\"cpuPercent\":100,\"environment\":{},"
            + "\"egress\":[],\"isolation\":\"sandbox\"},\"codeSha256\":\"ab12\",\"codeSize\":312,"
            + "\"createdAt\":\"2026-12-04T10:00:00Z\",\"updatedAt\":\"2026-12-04T11:00:00Z\",\"warnings\":[]}";
    private static final String ACTIVATION = "{\"id\":\"0b7c2f4e-1d2a-4c3b-9e8f-123456789abc\","
            + "\"functionName\":\"hello\",\"owner\":\"dev\",\"caller\":\"dev\",\"startKind\":\"cold\","
            + "\"status\":\"success\",\"startedAt\":\"2026-12-04T11:00:01Z\",\"initMillis\":400,\"runMillis\":9,"
            + "\"durationMillis\":420,\"logTail\":\"hello from stdout\\nsecond line\"}";

    @Test
    void listPrintsATableAndJsonOnRequest() {
        server.json("GET /api/v1/functions", 200, "[" + FUNCTION + "]");

        CliRunner.Result text = cli.run("list");
        assertEquals(0, text.exit(), text.err());
        assertEquals(
                "NAME   RUNTIME  OWNER  PORTIONS  UPDATED\nhello  python3  dev    1         2026-12-04T11:00:00Z\n",
                text.out());

        CliRunner.Result json = cli.run("list", "--output", "json");
        assertTrue(json.out().startsWith("[\n"), json.out());
        assertTrue(json.out().contains("\"codeSha256\": \"ab12\""), json.out());
        assertTrue(server.requests("GET /api/v1/functions")
                .get(0)
                .header("Authorization")
                .startsWith("Bearer eyJ"));
    }

    @Test
    void getShowsTheFunction() {
        server.json("GET /api/v1/functions/hello", 200, FUNCTION);
        CliRunner.Result get = cli.run("get", "hello");
        assertEquals(0, get.exit(), get.err());
        assertTrue(get.out().contains("runtime:      python3\n"), get.out());
        assertTrue(get.out().contains("policy:       128 MiB, 3000 ms, 32 processes"), get.out());
        assertTrue(get.out().contains("main     .     app.handler  untrusted"), get.out());
    }

    @Test
    void aProblemIsOneLineWithTheExitCodeOfItsStatus() throws IOException {
        server.problem("GET /api/v1/functions/nope", 404, "function-not-found", "No function 'nope'.");
        server.problem("GET /api/v1/functions/theirs", 403, "access-denied", "Not yours.");
        server.problem("DELETE /api/v1/functions/busy", 503, "capacity-exhausted", "No capacity now.");
        server.on(
                "PUT /api/v1/functions/bad",
                400,
                "application/problem+json",
                "{\"type\":\"https://hearth.dev/problems/invalid-code\",\"title\":\"Invalid code archive\","
                        + "\"status\":400,\"detail\":\"The manifest has 2 problems.\","
                        + "\"errors\":[\"runtime is missing\",\"unknown field nme\"]}");

        CliRunner.Result missing = cli.run("get", "nope");
        assertEquals(3, missing.exit());
        assertEquals("error: function-not-found: No function 'nope'.\n", missing.err());
        assertEquals("", missing.out());

        assertEquals(
                "error: access-denied: Not yours.\n", cli.run("get", "theirs").err());
        assertEquals(4, cli.run("get", "theirs").exit());
        assertEquals(5, cli.run("delete", "busy").exit());

        CliRunner.Result invalid = cli.run("deploy", folder().toString(), "--name", "bad");
        assertEquals(1, invalid.exit());
        assertEquals(
                "error: invalid-code: The manifest has 2 problems.: runtime is missing; unknown field nme\n",
                invalid.err());
    }

    @Test
    void anAnswerThatIsNoProblemStillMakesOneLine() {
        CliRunner.Result html = cli.run("get", "unscripted");
        assertEquals(3, html.exit());
        assertTrue(html.err().startsWith("error: http-404: the server answered 404 to http://127.0.0.1:"), html.err());
        assertEquals(1, html.err().lines().count());
    }

    @Test
    void anUnreachableServerExitsFive() throws IOException {
        server.close();
        CliRunner.Result result = cli.run("list");
        assertEquals(5, result.exit());
        assertTrue(result.err().startsWith("error: unreachable: no answer from http://127.0.0.1:"), result.err());
    }

    @Test
    void deployZipsTheFolderUnderItsName() throws IOException {
        server.json("PUT /api/v1/functions/hello", 201, FUNCTION);
        Path folder = folder();

        CliRunner.Result deploy = cli.run("deploy", folder.toString());

        assertEquals(0, deploy.exit(), deploy.err());
        assertEquals("created hello: python3, 1 portion, 312 bytes of code (sha256 ab12)\n", deploy.out());
        ScriptedServer.Request put =
                server.requests("PUT /api/v1/functions/hello").get(0);
        assertEquals("application/zip", put.header("Content-Type"));
        assertTrue(put.body().startsWith("PK"), "a zip archive");
        assertTrue(put.body().contains("hearth.json"));
    }

    @Test
    void deployJudgesWithTheServersRulesBeforeSendingAnything() throws IOException {
        Path folder = folder();
        java.nio.file.Files.writeString(
                folder.resolve("hearth.json"),
                "{\"runtime\":\"python3\",\"portions\":[{\"name\":\"main\",\"handler\":\"main.handler\"}],"
                        + "\"policy\":{\"memoryMb\":1,\"egress\":[\"127.0.0.1:80\"]}}");

        CliRunner.Result deploy = cli.run("deploy", folder.toString());

        assertEquals(2, deploy.exit());
        assertEquals(
                "error: invalid-code: portion 'main': handler module not found (looked for 'main.py'); policy.memoryMb"
                        + " must be between 16 and 4096; policy.egress: egress destination '127.0.0.1:80' is refused:"
                        + " 127.0.0.1 is loopback (127.0.0.0/8)\n",
                deploy.err());
        assertNothingSentToTheApi();
    }

    @Test
    void aPrivateNetworkIsLeftToTheServerWhichKnowsWhichAreAllowed() throws IOException {
        server.json("PUT /api/v1/functions/hello", 201, FUNCTION);
        Path folder = folder();
        java.nio.file.Files.writeString(
                folder.resolve("hearth.json"),
                "{\"runtime\":\"python3\",\"portions\":[{\"name\":\"main\",\"handler\":\"app.handler\","
                        + "\"trustLevel\":\"trusted\"}],\"policy\":{\"egress\":[\"10.1.2.3:5432\"]}}");

        CliRunner.Result deploy = cli.run("deploy", folder.toString());

        assertEquals(0, deploy.exit(), deploy.err());
    }

    @Test
    void aLargeUploadShowsItsProgressOnATerminalOnly() throws IOException {
        server.json("PUT /api/v1/functions/hello", 201, FUNCTION);
        Path folder = folder();
        byte[] noise = new byte[3 << 20];
        new java.util.Random(7).nextBytes(noise);
        java.nio.file.Files.write(folder.resolve("data.bin"), noise);

        CliRunner.Result watched = cli.onATerminal().run("deploy", folder.toString());
        assertEquals(0, watched.exit(), watched.err());
        assertTrue(watched.err().startsWith("\ruploading 0.1 of 3.0 MiB (2%)"), watched.err());
        assertTrue(watched.err().contains("\ruploading 3.0 of 3.0 MiB (100%)\r"), watched.err());
        assertTrue(server.requests("PUT /api/v1/functions/hello").get(0).body().length() > 3 << 20, "all of it sent");
        assertTrue(watched.out().startsWith("created hello:"), watched.out());

        assertEquals(
                "", cli.run("deploy", folder.toString(), "--output", "json").err());
        assertEquals("", new CliRunner(home).run("deploy", folder.toString()).err());
    }

    @Test
    void deployingANameAgainSaysWhatChanged() throws IOException {
        server.json("GET /api/v1/functions/hello", 200, FUNCTION);
        server.json("PUT /api/v1/functions/hello", 200, FUNCTION.replace("ab12", "cd34"));
        server.json("PUT /api/v1/functions/hello", 200, FUNCTION);

        CliRunner.Result changed = cli.run("deploy", folder().toString());
        CliRunner.Result same = cli.run("deploy", folder().toString());

        assertEquals(
                "updated hello (changed: code): python3, 1 portion, 312 bytes of code (sha256 cd34)\n", changed.out());
        assertEquals(
                "updated hello (nothing changed): python3, 1 portion, 312 bytes of code (sha256 ab12)\n", same.out());
    }

    @Test
    void invokePrintsTheResultAndTheActivationApart() {
        server.json(
                "POST /api/v1/functions/hello/invocations",
                200,
                "{\"activationId\":\"0b7c2f4e-1d2a-4c3b-9e8f-123456789abc\",\"status\":\"success\","
                        + "\"startKind\":\"cold\",\"result\":{\"message\":\"Hello, x!\"},\"durationMillis\":420,"
                        + "\"initMillis\":400,\"runMillis\":9}");

        CliRunner.Result invoke = cli.run("invoke", "hello", "--data", "{\"name\":\"x\"}");

        assertEquals(0, invoke.exit(), invoke.err());
        assertEquals("{\n    \"message\": \"Hello, x!\"\n}\n", invoke.out());
        assertEquals("activation 0b7c2f4e-1d2a-4c3b-9e8f-123456789abc: success (cold, 420 ms)\n", invoke.err());
        assertEquals(
                "{\"name\":\"x\"}",
                server.requests("POST /api/v1/functions/hello/invocations")
                        .get(0)
                        .body());

        cli.runWithInput("{\"from\":\"stdin\"}", "invoke", "hello", "--data-file", "-");
        cli.runWithInput("{\"piped\":true}", "invoke", "hello");
        var bodies = server.requests("POST /api/v1/functions/hello/invocations").stream()
                .map(ScriptedServer.Request::body)
                .toList();
        assertEquals("{\"from\":\"stdin\"}", bodies.get(1));
        assertEquals("{\"piped\":true}", bodies.get(2));
    }

    @Test
    void invokeAsyncPrintsTheQueuedActivation() {
        server.json(
                "POST /api/v1/functions/hello/invocations",
                202,
                "{\"activationId\":\"0b7c2f4e-1d2a-4c3b-9e8f-123456789abc\",\"status\":\"queued\"}");

        CliRunner.Result invoke =
                cli.run("invoke", "hello", "--async", "--idempotency-key", "order-42", "--data", "{\"n\":1}");

        assertEquals(0, invoke.exit(), invoke.err());
        assertEquals("0b7c2f4e-1d2a-4c3b-9e8f-123456789abc\n", invoke.out());
        ScriptedServer.Request sent =
                server.requests("POST /api/v1/functions/hello/invocations").get(0);
        assertEquals("respond-async", sent.header("Prefer"));
        assertEquals("order-42", sent.header("Idempotency-Key"));
        assertEquals("{\"n\":1}", sent.body());

        CliRunner.Result keyAlone = cli.run("invoke", "hello", "--idempotency-key", "k", "--data", "{}");
        assertEquals(2, keyAlone.exit(), keyAlone.err());
        assertTrue(keyAlone.err().contains("--idempotency-key needs --async"), keyAlone.err());
    }

    @Test
    void aFunctionThatFailedExitsOne() {
        server.json(
                "POST /api/v1/functions/hello/invocations",
                200,
                "{\"activationId\":\"0b7c2f4e-1d2a-4c3b-9e8f-123456789abc\",\"status\":\"error\","
                        + "\"startKind\":\"warm\",\"result\":{\"errorMessage\":\"boom\"},\"durationMillis\":5,"
                        + "\"initMillis\":0,\"runMillis\":4}");
        CliRunner.Result invoke = cli.run("invoke", "hello", "--data", "{}");
        assertEquals(1, invoke.exit());
        assertTrue(invoke.out().contains("\"errorMessage\": \"boom\""), invoke.out());
        assertTrue(
                invoke.err()
                        .endsWith("error: function-error: hello ended in error (logs "
                                + "0b7c2f4e-1d2a-4c3b-9e8f-123456789abc)\n"),
                invoke.err());
    }

    @Test
    void logsOfAFunctionShowItsActivationsWithTheirOutputAndLines() {
        server.json("GET /api/v1/functions/hello/activations", 200, "[" + ACTIVATION + "]");
        server.json(
                "GET /api/v1/activations/0b7c2f4e-1d2a-4c3b-9e8f-123456789abc/logs",
                200,
                "[{\"recordedAt\":\"2026-12-04T11:00:01.2Z\",\"level\":\"INFO\",\"message\":\"vault opened\","
                        + "\"fields\":null}]");

        CliRunner.Result logs = cli.run("logs", "hello");

        assertEquals(0, logs.exit(), logs.err());
        assertEquals(
                "activation 0b7c2f4e-1d2a-4c3b-9e8f-123456789abc  hello  success  cold  2026-12-04T11:00:01Z  420 ms\n"
                        + "  | hello from stdout\n  | second line\n  2026-12-04T11:00:01.2Z INFO vault opened\n",
                logs.out());
        assertEquals(
                "limit=5",
                server.requests.stream()
                        .filter(r -> r.path().startsWith("/api/v1/functions/hello/activations"))
                        .findFirst()
                        .orElseThrow()
                        .path()
                        .split("\\?")[1]);
    }

    @Test
    void logsFollowShowsEachNewActivationOnceUntilStopped() throws Exception {
        String second = ACTIVATION.replace("123456789abc", "222222222222").replace("11:00:01Z", "11:00:05Z");
        server.json("GET /api/v1/functions/hello/activations", 200, "[" + ACTIVATION + "]");
        server.json("GET /api/v1/functions/hello/activations", 200, "[" + ACTIVATION + "]");
        server.json("GET /api/v1/functions/hello/activations", 200, "[" + second + "," + ACTIVATION + "]");
        server.json("GET /api/v1/activations/0b7c2f4e-1d2a-4c3b-9e8f-123456789abc/logs", 200, "[]");
        server.json("GET /api/v1/activations/0b7c2f4e-1d2a-4c3b-9e8f-222222222222/logs", 200, "[]");

        CliRunner.Started follow = cli.start("logs", "hello", "--follow", "--interval", "0.05");
        follow.awaitOutputLine("activation 0b7c2f4e-1d2a-4c3b-9e8f-222222222222  hello  success");
        Thread.sleep(200); // a few more polls, which find nothing new
        server.close(); // the server goes away: following ends, as any call that gets no answer

        CliRunner.Result result = follow.await();
        assertEquals(5, result.exit());
        assertEquals(
                "activation 0b7c2f4e-1d2a-4c3b-9e8f-123456789abc  hello  success  cold  2026-12-04T11:00:01Z  420 ms\n"
                        + "  | hello from stdout\n  | second line\n"
                        + "activation 0b7c2f4e-1d2a-4c3b-9e8f-222222222222  hello  success  cold  2026-12-04T11:00:05Z  420 ms\n"
                        + "  | hello from stdout\n  | second line\n",
                result.out());
        assertTrue(result.err().startsWith("error: unreachable: "), result.err());
        assertTrue(
                server.requests.stream()
                                .filter(r -> r.path().startsWith("/api/v1/functions/hello/activations?limit=100"))
                                .count()
                        > 2,
                "it kept asking");
        assertEquals(
                1,
                server.requests("GET /api/v1/activations/0b7c2f4e-1d2a-4c3b-9e8f-222222222222/logs")
                        .size());
    }

    @Test
    void followingAnActivationIdIsAUsageError() {
        assertEquals(
                2,
                cli.run("logs", "0b7c2f4e-1d2a-4c3b-9e8f-123456789abc", "--follow")
                        .exit());
        assertEquals(2, cli.run("logs", "hello", "--follow", "--interval", "0").exit());
    }

    @Test
    void logsOfAnActivationIdReadThatActivation() {
        server.json("GET /api/v1/activations/0b7c2f4e-1d2a-4c3b-9e8f-123456789abc", 200, ACTIVATION);
        server.json("GET /api/v1/activations/0b7c2f4e-1d2a-4c3b-9e8f-123456789abc/logs", 200, "[]");
        CliRunner.Result logs = cli.run("logs", "0b7c2f4e-1d2a-4c3b-9e8f-123456789abc");
        assertEquals(0, logs.exit(), logs.err());
        assertTrue(logs.out().startsWith("activation 0b7c2f4e"), logs.out());
        assertTrue(server.requests("GET /api/v1/functions/hello/activations").isEmpty());
    }

    @Test
    void activationsWithoutANameMergeEveryFunctionsNewestFirst() {
        server.json(
                "GET /api/v1/functions", 200, "[" + FUNCTION + "," + FUNCTION.replace("\"hello\"", "\"other\"") + "]");
        server.json("GET /api/v1/functions/hello/activations", 200, "[" + ACTIVATION + "]");
        server.json(
                "GET /api/v1/functions/other/activations",
                200,
                "[" + ACTIVATION.replace("hello", "other").replace("11:00:01Z", "11:30:00Z") + "]");

        CliRunner.Result all = cli.run("activations");

        assertEquals(0, all.exit(), all.err());
        var rows = all.out().lines().toList();
        assertEquals(3, rows.size(), all.out());
        assertTrue(rows.get(1).contains("other"), all.out());
        assertTrue(rows.get(2).contains("hello"), all.out());
    }

    @Test
    void grantsAreListedAddedAndRemoved() {
        server.json(
                "GET /api/v1/functions/hello/grants",
                200,
                "[{\"function\":\"hello\",\"principal\":\"user:invoker\",\"grantedBy\":\"dev\","
                        + "\"grantedAt\":\"2026-12-04T11:00:00Z\"}]");
        server.json(
                "PUT /api/v1/functions/hello/grants/role%3Ainvoker",
                201,
                "{\"function\":\"hello\",\"principal\":\"role:invoker\",\"grantedBy\":\"dev\","
                        + "\"grantedAt\":\"2026-12-04T11:00:00Z\"}");
        server.on("DELETE /api/v1/functions/hello/grants/user%3Ainvoker", 204, "application/json", "");

        assertEquals(
                "PRINCIPAL     GRANTED BY  GRANTED AT\nuser:invoker  dev         2026-12-04T11:00:00Z\n",
                cli.run("grants", "list", "hello").out());
        CliRunner.Result add = cli.run("grants", "add", "hello", "role:invoker");
        assertEquals(0, add.exit(), add.err());
        assertEquals("granted role:invoker the invocation of hello\n", add.out());
        CliRunner.Result remove = cli.run("grants", "remove", "hello", "user:invoker");
        assertEquals(0, remove.exit(), remove.err());
        assertEquals("revoked user:invoker on hello\n", remove.err());
        assertEquals(
                1,
                server.requests("DELETE /api/v1/functions/hello/grants/user%3Ainvoker")
                        .size());
    }

    @Test
    void aScheduleIsPutWithItsZoneAndEventListedAndDeleted() {
        String schedule = "{\"function\":\"hello\",\"name\":\"nightly\",\"cron\":\"30 2 * * MON-FRI\","
                + "\"timezone\":\"Europe/Berlin\",\"event\":{\"report\":\"daily\"},"
                + "\"nextRunAt\":\"2026-12-07T01:30:00Z\",\"updatedBy\":\"dev\",\"updatedAt\":\"2026-12-04T11:00:00Z\"}";
        server.json("PUT /api/v1/functions/hello/schedules/nightly", 201, schedule);
        server.json("GET /api/v1/functions/hello/schedules", 200, "[" + schedule + "]");
        server.on("DELETE /api/v1/functions/hello/schedules/nightly", 204, "application/json", "");

        CliRunner.Result put = cli.run(
                "schedules",
                "put",
                "hello",
                "nightly",
                "30 2 * * MON-FRI",
                "--timezone",
                "Europe/Berlin",
                "--event",
                "{\"report\": \"daily\"}");

        assertEquals(0, put.exit(), put.err());
        assertEquals("set nightly of hello (next run 2026-12-07T01:30:00Z)\n", put.out());
        assertEquals(
                "{\"cron\":\"30 2 * * MON-FRI\",\"timezone\":\"Europe/Berlin\",\"event\":{\"report\":\"daily\"}}",
                server.requests("PUT /api/v1/functions/hello/schedules/nightly")
                        .get(0)
                        .body());
        assertEquals(
                "SCHEDULE  CRON              TIMEZONE       NEXT RUN              LAST RUN\n"
                        + "nightly   30 2 * * MON-FRI  Europe/Berlin  2026-12-07T01:30:00Z\n",
                cli.run("schedules", "list", "hello").out());
        assertEquals(
                2,
                cli.run("schedules", "put", "hello", "nightly", "* * * * *", "--event", "{oops")
                        .exit());
        assertEquals(0, cli.run("schedules", "delete", "hello", "nightly").exit());
        assertEquals(
                1,
                server.requests("DELETE /api/v1/functions/hello/schedules/nightly")
                        .size());
    }

    @Test
    void aSecretsValueComesFromStandardInputAndIsNeverPrinted() {
        server.json(
                "PUT /api/v1/functions/hello/secrets/api_key",
                201,
                "{\"function\":\"hello\",\"name\":\"api_key\",\"version\":1,\"updatedBy\":\"dev\","
                        + "\"updatedAt\":\"2026-12-04T11:00:00Z\"}");
        server.json(
                "GET /api/v1/functions/hello/secrets",
                200,
                "[{\"function\":\"hello\",\"name\":\"api_key\",\"version\":1,\"updatedBy\":\"dev\","
                        + "\"updatedAt\":\"2026-12-04T11:00:00Z\"}]");

        CliRunner.Result set = cli.runWithInput("s3cr3t-value\n", "secrets", "set", "hello", "api_key", "--verbose");

        assertEquals(0, set.exit(), set.err());
        assertEquals("set api_key of hello (version 1)\n", set.out());
        assertEquals(
                "{\"value\":\"s3cr3t-value\"}",
                server.requests("PUT /api/v1/functions/hello/secrets/api_key")
                        .get(0)
                        .body());
        assertFalse(set.err().contains("s3cr3t"), set.err());
        assertTrue(set.err().contains("<12 characters>"), set.err());
        assertEquals(
                2, cli.runWithInput("", "secrets", "set", "hello", "api_key").exit());
        assertEquals(
                "SECRET   VERSION  UPDATED BY  UPDATED AT\napi_key  1        dev         2026-12-04T11:00:00Z\n",
                cli.run("secrets", "list", "hello").out());
    }

    @Test
    void adminSetsAPoolDrainsAHostAndChangesOnlyTheSettingsGiven() {
        server.json(
                "PUT /api/v1/admin/pools/python3",
                200,
                "{\"runtime\":\"python3\",\"warmingTarget\":2,\"maxPerHost\":1,\"warming\":0,\"booting\":2}");
        server.json(
                "PUT /api/v1/admin/hosts/local/draining",
                200,
                "{\"hostId\":\"local\",\"healthy\":true,\"draining\":true,\"instanceCapacity\":8,"
                        + "\"runtimes\":[\"python3\",\"nodejs\"],\"isolations\":[\"sandbox\"],\"instances\":0}");
        String settings = "{\"keepAliveSeconds\":600,\"maxConcurrentPerFunction\":8,\"maxConcurrentPerUser\":16,"
                + "\"queueWaitMillis\":2000,\"allowedPrivateNetworks\":[]}";
        server.json("GET /api/v1/admin/settings", 200, settings);
        server.json("PUT /api/v1/admin/settings", 200, settings.replace("600", "60"));

        CliRunner.Result pool = cli.run("admin", "pools", "set", "python3", "--target", "2", "--max-per-host", "1");
        assertEquals(0, pool.exit(), pool.err());
        assertEquals(
                "RUNTIME  TARGET  MAX PER HOST  WARMING  BOOTING\npython3  2       1             0        2\n",
                pool.out());
        assertEquals(
                "{\"warmingTarget\":2,\"maxPerHost\":1}",
                server.requests("PUT /api/v1/admin/pools/python3").get(0).body());

        CliRunner.Result drain = cli.run("admin", "hosts", "drain", "local");
        assertEquals(0, drain.exit(), drain.err());
        assertTrue(
                drain.out().contains("local  true     true      8         0          python3,nodejs  sandbox"),
                drain.out());
        assertEquals(
                "{\"draining\":true}",
                server.requests("PUT /api/v1/admin/hosts/local/draining").get(0).body());

        CliRunner.Result changed = cli.run("admin", "settings", "set", "--keep-alive", "60");
        assertEquals(0, changed.exit(), changed.err());
        assertTrue(changed.out().startsWith("keep-alive:                  60 s\n"), changed.out());
        assertEquals(
                settings.replace("600", "60"),
                server.requests("PUT /api/v1/admin/settings").get(0).body());
    }

    @Test
    void anAdminCommandOfSomeoneWhoIsNoAdminIsRefused() {
        server.problem("GET /api/v1/admin/hosts", 403, "access-denied", "admin only");
        CliRunner.Result hosts = cli.run("admin", "hosts");
        assertEquals(4, hosts.exit());
        assertEquals("error: access-denied: admin only\n", hosts.err());
    }

    @Test
    void verboseShowsTheExchangeWithoutCredentials() {
        server.json("GET /api/v1/functions", 200, "[]");
        CliRunner.Result verbose = cli.run("list", "--verbose");
        assertEquals(0, verbose.exit(), verbose.err());
        assertTrue(verbose.err().contains("> GET " + server.url("/api/v1/functions")), verbose.err());
        assertTrue(verbose.err().contains("> Authorization: Bearer ***"), verbose.err());
        assertTrue(verbose.err().contains("< 200"), verbose.err());
        assertFalse(verbose.err().contains("eyJ"), verbose.err());

        CliRunner.Result login = cli.runWithInput("s3cret\n", "login", "--username", "dev", "--password-stdin", "-v");
        assertTrue(login.err().contains("password=***"), login.err());
        assertTrue(login.err().contains("\"access_token\":\"***\""), login.err());
        assertFalse(login.err().contains("s3cret"), login.err());
        assertFalse(login.err().contains("eyJ"), login.err());
        assertFalse(login.err().contains("rt-secret-1"), login.err());
    }

    private Path folder() throws IOException {
        Path folder = home.resolve("hello");
        java.nio.file.Files.createDirectories(folder);
        java.nio.file.Files.writeString(
                folder.resolve("hearth.json"),
                "{\"runtime\":\"python3\",\"portions\":[{\"name\":\"main\",\"handler\":\"app.handler\"}]}");
        java.nio.file.Files.writeString(folder.resolve("app.py"), "def handler(event, context): return {}\n");
        return folder;
    }
}
