package dev.hearth.hypervisor.host;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.InvokeResult;
import dev.hearth.hypervisor.api.wire.PortionSpec;
import dev.hearth.hypervisor.api.wire.ResourceLimits;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code examples/split-python} end to end at the agent: its untrusted entry portion asks its
 * trusted portion, which calls an auxiliary endpoint with the invocation's credential through the
 * agent's egress proxy. The endpoint is the test's own, on 127.0.0.2 (loopback, but not the
 * container's own 127.0.0.1, which stays its own namespace's).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SplitPortionsTest {

    // 20 s: in a fresh checkout the first portion call (two cold python runtimes and the egress proxy)
    // took over 5 s under load; the test is about the split, not about speed.
    private static final ResourceLimits LIMITS = new ResourceLimits(64, 20_000, 16, 8);

    private final String credential = "token-" + UUID.randomUUID();
    private final List<String> bearersSeen = new CopyOnWriteArrayList<>();
    private RunningAgent running;
    private HttpServer auxiliary;
    private String exampleSha;
    private String instanceId;

    @BeforeAll
    void start() throws Exception {
        running = new RunningAgent(2);
        auxiliary = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 8);
        auxiliary.createContext("/answer", exchange -> {
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            bearersSeen.add(String.valueOf(bearer));
            boolean valid = ("Bearer " + credential).equals(bearer);
            byte[] body = (valid ? "{\"answer\": 42}" : "{\"error\": \"bad credential\"}").getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(valid ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        auxiliary.start();
        exampleSha = running.upload(RunningAgent.zipFolder(Path.of("../../examples/split-python")));
        instanceId = running.createInstance("alice").instanceId();
    }

    @AfterAll
    void stop() throws IOException {
        auxiliary.stop(0);
        running.close();
    }

    @Test
    void theUntrustedEntryGetsItsAnswerThroughTheTrustedPortion() throws Exception {
        bearersSeen.clear();
        InvokeResult result = running.invoke(instanceId, request(List.of(auxiliaryHostPort())));

        assertEquals("success", result.status(), result.toString());
        JsonObject payload = json(result.payload());
        assertEquals(42, payload.getJsonObject("answer").getInt("answer"));
        assertEquals(JsonValue.FALSE, payload.get("frontHoldsCredential"));
        assertEquals(List.of("Bearer " + credential), bearersSeen, "the endpoint saw the credential, once");
        assertTrue(
                result.logTail().contains("split-python vault: the auxiliary endpoint answered 200"), result.logTail());
    }

    @Test
    void aDestinationOutsideTheAllowListIsDenied() throws Exception {
        bearersSeen.clear();
        InvokeResult result = running.invoke(instanceId, request(List.of("127.0.0.2:1")));

        assertEquals("egress_denied", result.status(), result.toString());
        assertTrue(result.payload().contains("PortionError"), result.payload());
        assertEquals(List.of(), bearersSeen, "the endpoint was never reached");
    }

    @Test
    void withoutAnAllowListTheTrustedPortionHasNoWayOut() throws Exception {
        bearersSeen.clear();
        InvokeResult result = running.invoke(instanceId, request(List.of()));

        assertEquals("error", result.status(), result.toString());
        assertTrue(result.payload().contains("Connection refused"), result.payload());
        assertEquals(List.of(), bearersSeen);
    }

    private String auxiliaryHostPort() {
        return "127.0.0.2:" + auxiliary.getAddress().getPort();
    }

    private InvokeRequest request(List<String> egressAllowList) {
        return new InvokeRequest(
                UUID.randomUUID().toString(),
                "split-python",
                exampleSha,
                "python3",
                "front",
                List.of(
                        new PortionSpec("front", "front", "app.handler", "untrusted"),
                        new PortionSpec("vault", "vault", "app.handler", "trusted")),
                Map.of("AUX_URL", "http://" + auxiliaryHostPort() + "/answer"),
                LIMITS,
                "{\"question\": \"What is six times seven?\"}",
                credential,
                egressAllowList);
    }

    private static JsonObject json(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
