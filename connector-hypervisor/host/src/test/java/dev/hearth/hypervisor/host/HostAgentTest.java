package dev.hearth.hypervisor.host;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.api.wire.AgentInfo;
import dev.hearth.hypervisor.api.wire.CreateInstanceRequest;
import dev.hearth.hypervisor.api.wire.InstanceView;
import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.InvokeResult;
import dev.hearth.hypervisor.api.wire.PortionSpec;
import dev.hearth.hypervisor.api.wire.Problem;
import dev.hearth.hypervisor.api.wire.ResourceLimits;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real agent, in-process, on a loopback port with a temporary state directory: uploads,
 * instances and invocations through its REST API, as the resource adapter uses it. Needs root,
 * ip, bwrap, socat and cgroup v1, as the agent does; it fails (never skips) without them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostAgentTest {

    private static final String SECRET = "test-secret-" + UUID.randomUUID();
    private static final int CAPACITY = 3;
    private static final ResourceLimits LIMITS = new ResourceLimits(64, 1500, 32, 8);

    private final Jsonb jsonb = JsonbBuilder.create();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path stateDir;
    private HostAgent agent;
    private URI base;
    private String helloSha;
    private String testFunctionSha;
    private String instanceId;

    @BeforeAll
    void startAgent() throws Exception {
        assertEquals("root", System.getProperty("user.name"), "the agent's tests must run as root");
        stateDir = Files.createTempDirectory(Path.of("/tmp"), "hearth-agent-test-");
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx--x--x"));
        Path secretFile = stateDir.resolve("secret");
        Files.writeString(secretFile, SECRET + "\n");
        AgentConfig config = AgentConfig.parse(
                List.of(
                        "--port",
                        "0",
                        "--state-dir",
                        stateDir.resolve("state").toString(),
                        "--secret-file",
                        secretFile.toString(),
                        "--capacity",
                        Integer.toString(CAPACITY)),
                Map.of(),
                "test-host");
        agent = HostAgent.start(config);
        base = URI.create("http://127.0.0.1:" + agent.address().getPort());

        helloSha = upload(zipFolder(Path.of("../../examples/hello-python")));
        testFunctionSha = upload(zip(Map.of(
                "app.py",
                "import time\n"
                        + "def handler(event, context):\n"
                        + "    print('test function got', event)\n"
                        + "    if event.get('sleep'):\n"
                        + "        time.sleep(event['sleep'])\n"
                        + "    if event.get('allocateMb'):\n"
                        + "        hog = bytearray(event['allocateMb'] << 20)\n"
                        + "    return {'ok': True}\n")));
        instanceId = createInstance().instanceId();
    }

    @AfterAll
    void stopAgent() throws IOException {
        if (agent != null) {
            agent.close();
        }
        assertFalse(Files.exists(Path.of("/run/netns/hearth-" + instanceId)), "the instance's namespace is gone");
        assertFalse(
                Files.exists(Path.of("/sys/fs/cgroup/memory/hearth/" + instanceId)), "the instance's cgroup is gone");
        try (Stream<Path> tree = Files.walk(stateDir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void describesItself() throws Exception {
        AgentInfo info = jsonb.fromJson(send("GET", "/v1/agent", null, SECRET).body(), AgentInfo.class);

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

        HttpResponse<String> response = send("PUT", "/v1/code/" + sha256(evil), evil, SECRET);

        assertEquals(400, response.statusCode());
        assertEquals(
                "entry '../evil.py' leaves the archive root",
                jsonb.fromJson(response.body(), Problem.class).detail());
        assertEquals(404, send("HEAD", "/v1/code/" + sha256(evil), null, SECRET).statusCode());
    }

    @Test
    void refusesAnArchiveWhoseDigestDiffers() throws Exception {
        byte[] archive = zip(Map.of("app.py", "x = 1\n"));

        assertEquals(
                400, send("PUT", "/v1/code/" + "0".repeat(64), archive, SECRET).statusCode());
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
                    204, send("DELETE", "/v1/instances/" + fresh, null, SECRET).statusCode());
        }
        assertFalse(Files.exists(Path.of("/run/netns/hearth-" + fresh)));
    }

    @Test
    void killsAFunctionPastItsTimeoutAndRecovers() throws Exception {
        InvokeResult slow = invoke(instanceId, testFunctionSha, "{\"sleep\": 30}", LIMITS);
        InvokeResult next = invoke(instanceId, testFunctionSha, "{}", LIMITS);

        assertEquals("timed_out", slow.status(), slow.toString());
        assertEquals("success", next.status(), next.toString());
        assertTrue(next.containersCreated(), "a new container replaces the killed one");
    }

    @Test
    void killsAFunctionPastItsMemoryAndRecovers() throws Exception {
        InvokeResult hog = invoke(instanceId, testFunctionSha, "{\"allocateMb\": 256}", LIMITS);
        InvokeResult next = invoke(instanceId, testFunctionSha, "{}", LIMITS);

        assertEquals("memory_limit_exceeded", hog.status(), hog.toString());
        assertEquals("success", next.status(), next.toString());
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
                                SECRET)
                        .statusCode());
        assertEquals(
                409,
                send(
                                "POST",
                                "/v1/instances/" + instanceId + "/invocations",
                                jsonb.toJson(missingCode).getBytes(UTF_8),
                                SECRET)
                        .statusCode());
        assertEquals(
                204,
                send("DELETE", "/v1/instances/nosuchinstance", null, SECRET).statusCode());
    }

    @Test
    void refusesInstancesPastItsCapacity() throws Exception {
        List<String> created = new ArrayList<>();
        try {
            HttpResponse<String> response;
            while ((response = send(
                                    "POST",
                                    "/v1/instances",
                                    body(new CreateInstanceRequest("bob", "python3", "sandbox")),
                                    SECRET))
                            .statusCode()
                    == 201) {
                created.add(jsonb.fromJson(response.body(), InstanceView.class).instanceId());
                assertTrue(created.size() < CAPACITY, "capacity is enforced");
            }
            assertEquals(503, response.statusCode());
        } finally {
            for (String id : created) {
                send("DELETE", "/v1/instances/" + id, null, SECRET);
            }
        }
    }

    private InstanceView createInstance() throws Exception {
        HttpResponse<String> response =
                send("POST", "/v1/instances", body(new CreateInstanceRequest("alice", "python3", "sandbox")), SECRET);
        assertEquals(201, response.statusCode(), response.body());
        InstanceView view = jsonb.fromJson(response.body(), InstanceView.class);
        assertEquals("ready", view.state());
        return view;
    }

    private InvokeResult invoke(String instance, String sha, String event, ResourceLimits limits) throws Exception {
        HttpResponse<String> response =
                send("POST", "/v1/instances/" + instance + "/invocations", body(request(sha, event, limits)), SECRET);
        assertEquals(200, response.statusCode(), response.body());
        return jsonb.fromJson(response.body(), InvokeResult.class);
    }

    private static InvokeRequest request(String sha, String event, ResourceLimits limits) {
        return new InvokeRequest(
                UUID.randomUUID().toString(),
                "test-function",
                sha,
                "python3",
                "main",
                List.of(new PortionSpec("main", ".", "app.handler", "untrusted")),
                Map.of(),
                limits,
                event,
                null,
                List.of());
    }

    private byte[] body(Object value) {
        return jsonb.toJson(value).getBytes(UTF_8);
    }

    private String upload(byte[] archive) throws Exception {
        String sha = sha256(archive);
        HttpResponse<String> response = send("PUT", "/v1/code/" + sha, archive, SECRET);
        assertEquals(204, response.statusCode(), response.body());
        assertEquals(200, send("HEAD", "/v1/code/" + sha, null, SECRET).statusCode());
        return sha;
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] zipFolder(Path folder) throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path file : tree.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), Files.readString(file));
            }
        }
        return zip(files);
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
