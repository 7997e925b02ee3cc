package dev.hearth.hypervisor.host.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.host.code.CodePackages;
import dev.hearth.hypervisor.host.code.CodeRetention;
import dev.hearth.hypervisor.host.code.CodeStore;
import dev.hearth.hypervisor.host.driver.ScriptedDriver;
import dev.hearth.hypervisor.host.events.EventLog;
import dev.hearth.hypervisor.host.instances.InstanceRegistry;
import dev.hearth.protocol.wire.AgentInfo;
import dev.hearth.protocol.wire.CreateInstanceRequest;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.Problem;
import dev.hearth.protocol.wire.ResourceLimits;
import dev.hearth.protocol.wire.json.InvokeJson;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invocation route over HTTP, on a driver that runs nothing but answers with the event it got:
 * what an adapter still on JSON-B sends arrives whole and its answer reads with JSON-B, and a
 * request that is not the JSON expected, or holds a null where a value belongs, is answered 400, at
 * once. No root needed.
 */
class AgentHttpApiTest {

    private static final String SECRET = "test-secret";
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final String MAIN = "{\"name\":\"main\",\"handler\":\"app.handler\",\"trustLevel\":\"untrusted\"}";
    private static final String VAULT = "{\"name\":\"vault\",\"handler\":\"app.handler\",\"trustLevel\":\"trusted\"}";

    @TempDir
    Path stateDir;

    private final AtomicReference<InvokeRequest> received = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private AgentHttpApi api;
    private String codeSha256;
    private String instanceId;

    @BeforeEach
    void start() throws Exception {
        CodeStore code = CodeStore.open(stateDir, CodeRetention.DEFAULT);
        codeSha256 = CodePackages.store(code, "runs nothing");
        ScriptedDriver echo = new ScriptedDriver(invocation -> {
            received.set(invocation.request());
            return new InvokeResult(
                    invocation.requestId(),
                    "success",
                    invocation.request().event(),
                    true,
                    5,
                    7,
                    "ran " + invocation.requestId());
        });
        InstanceRegistry instances =
                new InstanceRegistry("host-a", 2, Map.of("sandbox", echo), code, (type, id, detail) -> {});
        instanceId = instances
                .create(new CreateInstanceRequest("alice", "python3", "sandbox", null))
                .instanceId();
        api = AgentHttpApi.start(
                "127.0.0.1",
                0,
                Optional.empty(),
                SECRET.getBytes(UTF_8),
                new AgentInfo("host-a", "v1", "sandbox", 2, List.of("python3")),
                instances,
                code,
                new EventLog("host-a"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anInvocationFromAnAdapterOnJsonbArrivesWholeAndItsAnswerReads() throws Exception {
        InvokeRequest sent = new InvokeRequest(
                "inv-1",
                "split",
                codeSha256,
                "python3",
                "main",
                List.of(
                        PortionSpec.of("main", "main", "app.handler", "untrusted"),
                        new PortionSpec(
                                "vault", "vault", "app.handler", "trusted", Map.of("MODE", "x"), List.of("shared"))),
                Map.of("STAGE", "test"),
                new ResourceLimits(128, 10_000, 16, 64, 50),
                "{\"name\":\"Grüß dich\"}",
                "token",
                List.of("example.test:443"),
                "http://127.0.0.1:8080/api/v1/aux",
                List.of("10.1.0.0/16"),
                Map.of("vault", Map.of("API_KEY", "s3cret")));

        HttpResponse<String> answer = invoke(JSONB.toJson(sent));

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(sent, received.get());
        InvokeResult expected = new InvokeResult("inv-1", "success", sent.event(), true, 5, 7, "ran inv-1");
        assertEquals(expected, JSONB.fromJson(answer.body(), InvokeResult.class));
        assertEquals(expected, InvokeJson.readResult(answer.body().getBytes(UTF_8)));
    }

    @Test
    void aRequestThatIsNotTheJsonExpectedIsAnsweredBadRequestAtOnce() throws Exception {
        for (String body : List.of(
                "",
                "{",
                "{\"future\":[",
                "[]",
                "{\"limits\":\"x\"}",
                "{\"limits\":{\"memoryMb\":1.5}}",
                "{\"portions\":[\"main\"]}",
                "{\"future\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")) {
            HttpResponse<String> answer = invoke(body);

            String shown = body.length() > 40 ? body.substring(0, 40) : body;
            assertEquals(400, answer.statusCode(), shown);
            assertEquals(
                    "application/problem+json",
                    answer.headers().firstValue("Content-Type").orElse(""),
                    shown);
            Problem problem = JSONB.fromJson(answer.body(), Problem.class);
            assertEquals("Invalid JSON", problem.title(), shown);
            assertTrue(problem.detail().startsWith("the request body is not the expected JSON document: "), shown);
        }
        assertNull(received.get(), "nothing was run");
    }

    /**
     * JSON as the agent reads it, but a null where a value belongs: inside a list or an object, or
     * for a property the invocation needs. The agent refuses it before anything runs.
     */
    @Test
    void anInvocationWithANullWhereAValueBelongsIsAnsweredBadRequestAndRunsNothing() throws Exception {
        List<String> notRefused = new ArrayList<>();
        for (Map.Entry<String, String> nulled : List.of(
                Map.entry("portions", "[null]"),
                Map.entry("portions", "[" + MAIN + ",null]"),
                Map.entry("portions", "[" + MAIN.replace("}", ",\"environment\":{\"A\":null}}") + "]"),
                Map.entry("portions", "[" + MAIN.replace("}", ",\"sharedPaths\":[null]}") + "]"),
                Map.entry("portions", "null"),
                Map.entry("limits", "null"),
                Map.entry("entryPortion", "null"),
                Map.entry("environment", "{\"A\":null}"),
                Map.entry("secrets", "{\"vault\":null}"),
                Map.entry("secrets", "{\"vault\":{\"API_KEY\":null}}"),
                Map.entry("egressAllowList", "[null]"),
                Map.entry("allowedPrivateNetworks", "[null]"))) {
            HttpResponse<String> answer = invoke(invocationWith(nulled.getKey(), nulled.getValue()));

            boolean refused = answer.statusCode() == 400
                    && answer.headers().firstValue("Content-Type").orElse("").equals("application/problem+json")
                    && JSONB.fromJson(answer.body(), Problem.class).title().equals("Invalid invocation");
            if (!refused) {
                notRefused.add(nulled + ": " + answer.statusCode() + " " + answer.body());
            }
        }
        assertEquals(List.of(), notRefused);
        assertNull(received.get(), "nothing was run");

        HttpResponse<String> valid = invoke(invocationWith("environment", "{\"A\":\"1\"}"));
        assertEquals(200, valid.statusCode(), valid.body());
        assertEquals(Map.of("A", "1"), received.get().environment());
    }

    /** JSON-B alone never returns on these: Parsson's skipArray and skipObject at the input's end. */
    @Test
    void aCreationThatEndsInsideAnUnknownPropertyIsAnsweredBadRequestAtOnce() throws Exception {
        for (String body : List.of(
                "{\"future\":[",
                "{\"future\":{",
                "{\"runtime\":\"python3\",\"future\":[1,{\"a\":",
                "{\"future\":" + "[".repeat(100_000))) {
            HttpResponse<String> answer = post("/v1/instances", body);

            String shown = body.length() > 40 ? body.substring(0, 40) : body;
            assertEquals(400, answer.statusCode(), shown);
            Problem problem = JSONB.fromJson(answer.body(), Problem.class);
            assertEquals("Invalid JSON", problem.title(), shown);
            assertTrue(problem.detail().startsWith("the request body is not the expected JSON document: "), shown);
        }
        assertEquals(1, JSONB.fromJson(get("/v1/instances"), List.class).size(), "nothing was created");
    }

    @Test
    void aPackageSentAgainWhileStoredIsReadToItsEndAndAnswered204() throws Exception {
        StringBuilder noise = new StringBuilder();
        Random random = new Random(3);
        while (noise.length() < (3 << 20)) {
            noise.append(Long.toHexString(random.nextLong()));
        }
        byte[] archive = CodePackages.archive(noise.toString()); // over a megabyte, zipped
        String sha256 = CodePackages.sha256(archive);
        String head = "PUT /v1/code/" + sha256 + " HTTP/1.1\r\nHost: agent\r\nAuthorization: Bearer " + SECRET
                + "\r\nContent-Length: " + archive.length + "\r\n\r\n";
        List<String> statusLines = new ArrayList<>();
        for (int i = 0; i < 2; i++) { // stored, then sent again as a second cold start would
            try (Socket socket = new Socket("127.0.0.1", api.address().getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(UTF_8));
                out.write(archive); // whole, before reading the answer, as Payara's channel does
                out.flush();
                statusLines.add(new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8)).readLine());
            }
        }

        assertTrue(archive.length > (1 << 20), archive.length + " bytes");
        assertEquals(List.of("HTTP/1.1 204 No Content", "HTTP/1.1 204 No Content"), statusLines);
    }

    @Test
    void aPackageTheAgentCannotStoreIsAnsweredAProblemNotADroppedConnection() throws Exception {
        Path codeRoot = stateDir.resolve("code");
        try (Stream<Path> tree = Files.walk(codeRoot)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                path.toFile().setWritable(true);
                Files.delete(path);
            }
        }
        Files.writeString(codeRoot, "not a folder: nothing can be unpacked below it");
        byte[] archive = CodePackages.archive("stored nowhere");
        String sha256 = CodePackages.sha256(archive);
        HttpRequest put = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + api.address().getPort() + "/v1/code/" + sha256))
                .header("Authorization", "Bearer " + SECRET)
                .timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(archive))
                .build();

        HttpResponse<String> answer = http.send(put, HttpResponse.BodyHandlers.ofString());

        assertEquals(500, answer.statusCode(), answer.body());
        Problem problem = JSONB.fromJson(answer.body(), Problem.class);
        assertEquals("Cannot store code", problem.title());
    }

    /** A valid invocation, a trusted portion included, but with {@code property} set to {@code json}. */
    private String invocationWith(String property, String json) {
        Map<String, String> properties = new TreeMap<>(Map.of(
                "codeSha256", "\"" + codeSha256 + "\"",
                "entryPortion", "\"main\"",
                "functionName", "\"split\"",
                "limits", "{\"memoryMb\":128,\"timeoutMillis\":10000,\"maxProcesses\":16,\"tmpMb\":64}",
                "portions", "[" + MAIN + "," + VAULT + "]",
                "runtime", "\"python3\""));
        properties.put(property, json);
        return properties.entrySet().stream()
                .map(p -> "\"" + p.getKey() + "\":" + p.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private HttpResponse<String> invoke(String body) throws Exception {
        return post("/v1/instances/" + instanceId + "/invocations", body);
    }

    private String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + api.address().getPort() + path))
                .header("Authorization", "Bearer " + SECRET)
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + api.address().getPort() + path))
                .header("Authorization", "Bearer " + SECRET)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
