package dev.hearth.hypervisor.host;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.protocol.wire.AgentEvent;
import dev.hearth.protocol.wire.AgentInfo;
import dev.hearth.protocol.wire.CreateInstanceRequest;
import dev.hearth.protocol.wire.InstanceView;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.Problem;
import dev.hearth.protocol.wire.ResourceLimits;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The agent's REST API as the resource adapter uses it: uploads, instances, invocations, events. */
@SystemTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostAgentTest {

    private static final int CAPACITY = 3;
    private static final ResourceLimits LIMITS = ResourceLimits.of(64, 1500, 32, 8);

    private RunningAgent running;
    private Jsonb jsonb;
    private String secret;
    private String helloSha;
    private String testFunctionSha;
    private String instanceId;

    @BeforeAll
    void startAgent() throws Exception {
        running = new RunningAgent(CAPACITY);
        jsonb = running.jsonb;
        secret = running.secret;
        helloSha = running.upload(RunningAgent.zipFolder(Path.of("../../examples/hello-python")));
        testFunctionSha = running.upload(RunningAgent.zip(Map.of(
                "app.py",
                "import os\n"
                        + "def handler(event, context):\n"
                        + "    print('test function got', event)\n"
                        + "    if event.get('exit'):\n"
                        + "        os._exit(3)\n"
                        + "    return {'ok': True}\n")));
        instanceId = running.createInstance("alice").instanceId();
    }

    @AfterAll
    void stopAgent() throws Exception {
        running.stop();
        assertTrue(running.leftInVolume("code"), "the code store stays");
        assertFalse(running.leftInVolume("containers/" + instanceId), "the instance's container folders are gone");
        running.close();
        assertFalse(
                Files.exists(Path.of("/sys/fs/cgroup/memory/hearth/" + instanceId)), "the instance's cgroup is gone");
    }

    @Test
    void describesItself() throws Exception {
        AgentInfo info = jsonb.fromJson(send("GET", "/v1/agent", null, secret).body(), AgentInfo.class);

        assertEquals("sandbox", info.driver());
        assertEquals(List.of("provided", "python3", "nodejs"), info.runtimes());
        assertEquals(CAPACITY, info.instanceCapacity());
    }

    @Test
    void refusesRequestsWithoutTheSecret() throws Exception {
        HttpResponse<String> none = send("GET", "/v1/instances", null, null);
        HttpResponse<String> wrong = send("GET", "/v1/instances", null, "not-the-secret");

        assertEquals(401, none.statusCode());
        assertEquals(401, wrong.statusCode());
        assertEquals(
                "application/problem+json",
                wrong.headers().firstValue("Content-Type").orElse(""));
        assertEquals(401, jsonb.fromJson(wrong.body(), Problem.class).status());
        assertEquals(200, send("GET", "/v1/health", null, null).statusCode());
        assertTrue(
                send("GET", "/v1/openapi.yaml", null, null).body().contains("/v1/instances/{instanceId}/invocations"));
    }

    @Test
    void refusesAnArchiveThatLeavesItsRoot() throws Exception {
        byte[] evil = zip(Map.of("../evil.py", "print('x')"));

        HttpResponse<String> response = send("PUT", "/v1/code/" + sha256(evil), evil, secret);

        assertEquals(400, response.statusCode());
        assertEquals(
                "entry '../evil.py' leaves the archive root",
                jsonb.fromJson(response.body(), Problem.class).detail());
        assertEquals(404, send("HEAD", "/v1/code/" + sha256(evil), null, secret).statusCode());
    }

    @Test
    void refusesAnArchiveWhoseDigestDiffers() throws Exception {
        byte[] archive = zip(Map.of("app.py", "x = 1\n"));

        assertEquals(
                400, send("PUT", "/v1/code/" + "0".repeat(64), archive, secret).statusCode());
    }

    @Test
    void runsHelloPythonColdThenWarm() throws Exception {
        String fresh = createInstance().instanceId();
        try {
            InvokeResult cold = invoke(fresh, helloSha, "{\"name\": \"Ada\"}", LIMITS);
            InvokeResult warm = invoke(fresh, helloSha, "{}", LIMITS);

            assertEquals("success", cold.status(), cold.toString());
            assertEquals(Map.of("message", "Hello, Ada!"), jsonb.fromJson(cold.payload(), Map.class));
            assertTrue(cold.containersCreated());
            assertTrue(cold.logTail().contains("hello-python: greeting Ada"), cold.logTail());
            assertEquals("success", warm.status(), warm.toString());
            assertEquals(Map.of("message", "Hello, world!"), jsonb.fromJson(warm.payload(), Map.class));
            assertFalse(warm.containersCreated());
            assertFalse(warm.logTail().contains("Ada"), "the log tail is this invocation's only");
        } finally {
            assertEquals(
                    204, send("DELETE", "/v1/instances/" + fresh, null, secret).statusCode());
        }
        assertEquals(0, RunningAgent.processesIn(fresh));
        assertFalse(Files.exists(Path.of("/sys/fs/cgroup/memory/hearth/" + fresh)));
    }

    @Test
    void givesEachContainerTheInvocationsCpuShareWithinTheHostsMaximum() throws Exception {
        String fresh = createInstance().instanceId();
        try {
            InvokeResult fifth = invoke(fresh, helloSha, "{}", new ResourceLimits(64, 5_000, 16, 8, 20));
            assertEquals("success", fifth.status(), fifth.toString());
            assertEquals(List.of(20L), cpuPercents(fresh), "20 % of a core");

            InvokeResult more = invoke(fresh, helloSha, "{}", new ResourceLimits(64, 5_000, 16, 8, 500));
            assertTrue(more.containersCreated(), "another share needs other containers");
            assertEquals(List.of(100L), cpuPercents(fresh), "never more than the agent's --cpu-percent 100");
        } finally {
            assertEquals(
                    204, send("DELETE", "/v1/instances/" + fresh, null, secret).statusCode());
        }
    }

    /**
     * The CPU share of each of the instance's containers, as the kernel holds it: the CFS quota in
     * percent of its period (the agent's own threads for the instance, in {@code agent}, have none).
     */
    private static List<Long> cpuPercents(String instanceId) throws IOException {
        try (Stream<Path> cgroups = Files.list(Path.of("/sys/fs/cgroup/cpu/hearth", instanceId))) {
            List<Long> percents = new ArrayList<>();
            for (Path container : cgroups.filter(Files::isDirectory)
                    .filter(cgroup -> !cgroup.getFileName().toString().equals("agent"))
                    .toList()) {
                long quota = Long.parseLong(
                        Files.readString(container.resolve("cpu.cfs_quota_us")).strip());
                long period = Long.parseLong(
                        Files.readString(container.resolve("cpu.cfs_period_us")).strip());
                percents.add(quota * 100 / period);
            }
            return percents;
        }
    }

    @Test
    void reportsAContainerThatExitedToEventPollers() throws Exception {
        long after = lastEventSequence();
        CompletableFuture<HttpResponse<String>> poll =
                CompletableFuture.supplyAsync(() -> events("/v1/events?after=" + after + "&waitMillis=10000"));

        InvokeResult crashed = invoke(instanceId, testFunctionSha, "{\"exit\": true}", LIMITS);
        HttpResponse<String> answer = poll.get(15, TimeUnit.SECONDS);

        assertEquals("crashed", crashed.status(), crashed.toString());
        assertEquals(200, answer.statusCode(), answer.body());
        AgentEvent event = eventsOf(answer).get(0);
        assertEquals("container_exited", event.type());
        assertEquals(instanceId, event.instanceId());
        assertEquals("test-host", event.hostId());
        assertTrue(event.sequence() > after);
    }

    /** What the kernel would leave of an instance that died: none of its processes, none of its cgroups. */
    private static void killWithItsCgroups(String instanceId) throws Exception {
        List<Path> cgroups = new ArrayList<>();
        for (String controller : List.of("memory", "pids", "cpu")) {
            try (Stream<Path> tree = Files.walk(Path.of("/sys/fs/cgroup", controller, "hearth", instanceId))) {
                tree.filter(Files::isDirectory)
                        .sorted(Comparator.reverseOrder())
                        .forEach(cgroups::add);
            }
        }
        for (Path cgroup : cgroups) {
            for (String pid : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        for (Path cgroup : cgroups) {
            for (int attempt = 0; Files.exists(cgroup); attempt++) {
                try {
                    Files.delete(cgroup);
                } catch (IOException busy) { // its killed processes are still exiting
                    if (attempt == 200) {
                        throw busy;
                    }
                    Thread.sleep(10);
                }
            }
        }
    }

    @Test
    void reportsAnInstanceThatDiedByItself() throws Exception {
        String doomed = createInstance().instanceId();
        long after = lastEventSequence();
        try {
            killWithItsCgroups(doomed);

            // Its stem cells' containers are reported as exited too; then the instance's death.
            List<String> died = new ArrayList<>();
            for (int polls = 0; died.isEmpty() && polls < 10; polls++) {
                for (AgentEvent event : eventsOf(events("/v1/events?after=" + after + "&waitMillis=5000"))) {
                    after = event.sequence();
                    if (event.type().equals("instance_died")) {
                        died.add(event.instanceId());
                    }
                }
            }
            assertEquals(List.of(doomed), died);
            InstanceView[] views =
                    jsonb.fromJson(send("GET", "/v1/instances", null, secret).body(), InstanceView[].class);
            assertEquals(
                    "dead",
                    Stream.of(views)
                            .filter(v -> v.instanceId().equals(doomed))
                            .findFirst()
                            .orElseThrow()
                            .state());
        } finally {
            send("DELETE", "/v1/instances/" + doomed, null, secret);
        }
    }

    @Test
    void refusesEventPollsWithoutTheSecretOrWithBadParameters() throws Exception {
        assertEquals(401, send("GET", "/v1/events?after=0", null, null).statusCode());
        assertEquals(400, send("GET", "/v1/events?after=x", null, secret).statusCode());
    }

    private long lastEventSequence() throws Exception {
        List<AgentEvent> events = eventsOf(events("/v1/events?after=0&waitMillis=0"));
        return events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
    }

    private HttpResponse<String> events(String path) {
        try {
            return send("GET", path, null, secret);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<AgentEvent> eventsOf(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return List.of(jsonb.fromJson(response.body(), AgentEvent[].class));
    }

    @Test
    void reportsAnErrorRaisedByTheFunction() throws Exception {
        InvokeResult result = invoke(instanceId, testFunctionSha, "[]", LIMITS);

        assertEquals("error", result.status(), result.toString());
        assertTrue(result.payload().contains("AttributeError"), result.payload());
    }

    @Test
    void answersForUnknownInstancesAndMissingCode() throws Exception {
        InvokeRequest missingCode = request("f".repeat(64), "{}", LIMITS);

        assertEquals(
                404,
                send(
                                "POST",
                                "/v1/instances/nosuchinstance/invocations",
                                jsonb.toJson(missingCode).getBytes(UTF_8),
                                secret)
                        .statusCode());
        assertEquals(
                409,
                send(
                                "POST",
                                "/v1/instances/" + instanceId + "/invocations",
                                jsonb.toJson(missingCode).getBytes(UTF_8),
                                secret)
                        .statusCode());
        assertEquals(
                204,
                send("DELETE", "/v1/instances/nosuchinstance", null, secret).statusCode());
    }

    @Test
    void refusesInstancesPastItsCapacity() throws Exception {
        List<String> created = new ArrayList<>();
        try {
            HttpResponse<String> response;
            while ((response = send(
                                    "POST",
                                    "/v1/instances",
                                    body(new CreateInstanceRequest("bob", "python3", "sandbox", null)),
                                    secret))
                            .statusCode()
                    == 201) {
                created.add(jsonb.fromJson(response.body(), InstanceView.class).instanceId());
                assertTrue(created.size() < CAPACITY, "capacity is enforced");
            }
            assertEquals(503, response.statusCode());
        } finally {
            for (String id : created) {
                send("DELETE", "/v1/instances/" + id, null, secret);
            }
        }
    }

    private InstanceView createInstance() throws Exception {
        return running.createInstance("alice");
    }

    private InvokeResult invoke(String instance, String sha, String event, ResourceLimits limits) throws Exception {
        return running.invoke(instance, request(sha, event, limits));
    }

    private static InvokeRequest request(String sha, String event, ResourceLimits limits) {
        return InvokeRequest.withoutAuxiliaryServices(
                UUID.randomUUID().toString(),
                "test-function",
                sha,
                "python3",
                "main",
                List.of(PortionSpec.of("main", ".", "app.handler", "untrusted")),
                Map.of(),
                limits,
                event,
                null,
                List.of());
    }

    private byte[] body(Object value) {
        return running.body(value);
    }

    private String upload(byte[] archive) throws Exception {
        return running.upload(archive);
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String bearer) throws Exception {
        return running.send(method, path, body, bearer);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return RunningAgent.sha256(bytes);
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        return RunningAgent.zip(files);
    }
}
