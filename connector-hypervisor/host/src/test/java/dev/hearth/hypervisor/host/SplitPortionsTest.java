package dev.hearth.hypervisor.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The trusted/untrusted split at the agent. {@code examples/split-python}: its untrusted entry
 * portion asks its trusted portion, which calls the auxiliary services with the invocation's
 * credential through the agent's route; here the auxiliary services are the test's own listener.
 * A trusted portion that fetches a URL shows the egress allow-list and the destination guard
 * behind it: the destination it reaches is a {@link TestHost} in a network namespace of its own
 * (a private network the invocation allows); the auxiliary services are the test's listener on
 * 127.0.0.2, which egress must never reach, in any notation or under any name.
 */
@SystemTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SplitPortionsTest {

    // Generous: two cold python runtimes on a loaded CI machine; the test is about the split, not speed.
    private static final ResourceLimits LIMITS = ResourceLimits.of(64, 10_000, 16, 8);

    private static final String FETCHER =
            """
            import urllib.request

            def handler(event, context):
                with urllib.request.urlopen(event["url"], timeout=5) as response:
                    return {"status": response.status}
            """;

    /**
     * A trusted Node.js portion that puts three keys through the egress port: a runtime that does
     * not relay the port itself, whose container runs the relay as a process of its own.
     */
    private static final String NODE_PUTTER =
            """
            const http = require('http');
            function put(key) {
              return new Promise((resolve, reject) => {
                const request = http.request({
                  host: '127.0.0.1', port: 3128, method: 'PUT', path: 'http://aux.hearth.internal/kv/' + key,
                  headers: { Authorization: 'Bearer ' + process.env.HEARTH_CREDENTIAL, 'Content-Type': 'application/json' },
                }, (response) => { response.resume(); response.on('end', () => resolve(response.statusCode)); });
                request.on('error', reject);
                request.end('{}');
              });
            }
            // How long ago this process began (a stem cell's began before its function was known).
            function processAgeSeconds() {
              const fs = require('fs');
              const ticks = Number(fs.readFileSync('/proc/self/stat', 'latin1').split(') ')[1].split(' ')[19]);
              return Number(fs.readFileSync('/proc/uptime', 'latin1').split(' ')[0]) - ticks / 100;
            }
            exports.handler = async () => {
              const statuses = [];
              for (const key of ['a', 'b', 'c']) statuses.push(await put(key));
              return { statuses, processAgeSeconds: processAgeSeconds() };
            };
            """;

    private final String credential = "token-" + UUID.randomUUID();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private RunningAgent running;
    private HttpServer listener;
    private HttpServer hostSideListener;
    private TestHost testHost;
    private String exampleSha;
    private String fetcherSha;
    private String instanceId;

    @BeforeAll
    void start() throws Exception {
        running = new RunningAgent(2);
        listener = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 8);
        listener.createContext("/", exchange -> {
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + bearer);
            // A plain destination of the fetcher answers 200; the auxiliary services want the credential.
            int status = bearer == null
                    ? 200
                    : !bearer.equals("Bearer " + credential)
                            ? 401
                            : exchange.getRequestMethod().equals("PUT") ? 201 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        listener.start();
        testHost = new TestHost();
        // On this host's own end of the veth pair: inside the allowed network, yet the host itself.
        hostSideListener = HttpServer.create(new InetSocketAddress(TestHost.HOST_SIDE, 0), 8);
        hostSideListener.createContext("/", exchange -> {
            seen.add("host side " + exchange.getRequestURI());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hostSideListener.start();
        exampleSha = running.upload(RunningAgent.zipFolder(Path.of("../../examples/split-python")));
        fetcherSha = running.upload(RunningAgent.zip(Map.of("hearth.json", "{}", "fetch/app.py", FETCHER)));
        instanceId = running.createInstance("alice").instanceId();
    }

    @AfterAll
    void stop() throws Exception {
        listener.stop(0);
        hostSideListener.stop(0);
        testHost.close();
        running.close();
    }

    @Test
    void theUntrustedEntryReachesTheAuxiliaryServicesOnlyThroughTheTrustedPortion() throws Exception {
        seen.clear();
        String invocationId = UUID.randomUUID().toString();
        InvokeResult result = running.invoke(instanceId, splitRequest(invocationId));

        assertEquals("success", result.status(), result.toString());
        JsonObject payload = json(result.payload());
        assertEquals(JsonValue.TRUE, payload.getJsonObject("vault").get("kept"));
        assertEquals(JsonValue.TRUE, payload.getJsonObject("vault").get("logged"));
        assertEquals(JsonValue.FALSE, payload.get("frontHoldsCredential"));
        assertEquals(JsonValue.FALSE, payload.get("frontReachesAuxiliaryServices"));
        assertEquals(
                List.of(
                        "PUT /api/v1/aux/kv/last-question Bearer " + credential,
                        "POST /api/v1/aux/invocations/" + invocationId + "/logs Bearer " + credential),
                seen,
                "the auxiliary services saw the trusted portion's two calls, with the credential, and nothing else");
    }

    @Test
    void aTrustedNodePortionReachesTheAuxiliaryServicesThroughTheContainersRelay() throws Exception {
        assertNodePutsThroughTheRelay(instanceId, LIMITS); // an owned instance: containers of its own, no stem cell
    }

    @Test
    void aTrustedNodePortionStagedFromAStemCellReachesTheAuxiliaryServices() throws Exception {
        // A Node.js warming-pool instance's trusted stem cell started its relay before any function
        // was known; the default /tmp is what a stem cell has, so the first invocation stages it.
        String nodeInstance = running.createInstance(null, "nodejs").instanceId();
        try {
            Thread.sleep(1_000);
            JsonObject staged = assertNodePutsThroughTheRelay(nodeInstance, ResourceLimits.of(64, 10_000, 16, 16));

            assertTrue(
                    staged.getJsonNumber("processAgeSeconds").doubleValue() >= 1,
                    "the runtime's process is the stem cell's, begun before the invocation: " + staged);
        } finally {
            running.destroyInstance(nodeInstance);
        }
    }

    /** Invokes the Node.js putter on {@code instance}, checks its three puts, and answers its payload. */
    private JsonObject assertNodePutsThroughTheRelay(String instance, ResourceLimits limits) throws Exception {
        String putterSha = running.upload(RunningAgent.zip(Map.of("hearth.json", "{}", "put/app.js", NODE_PUTTER)));
        seen.clear();
        InvokeRequest puts = InvokeRequest.withoutPrivateNetworks(
                UUID.randomUUID().toString(),
                "putter",
                putterSha,
                "nodejs",
                "put",
                List.of(PortionSpec.of("put", "put", "app.handler", "trusted")),
                Map.of(),
                limits,
                "{}",
                credential,
                List.of(),
                auxiliaryUrl());

        InvokeResult result = running.invoke(instance, puts);

        assertEquals("success", result.status(), result.toString());
        JsonObject payload = json(result.payload());
        assertEquals("[201,201,201]", payload.getJsonArray("statuses").toString());
        assertEquals(
                List.of("a", "b", "c").stream()
                        .map(key -> "PUT /api/v1/aux/kv/" + key + " Bearer " + credential)
                        .toList(),
                seen);
        return payload;
    }

    @Test
    void withoutAuxiliaryServicesTheTrustedPortionIsToldSo() throws Exception {
        InvokeRequest withoutAuxiliary =
                withAuxiliaryUrl(splitRequest(UUID.randomUUID().toString()), null);

        InvokeResult result = running.invoke(instanceId, withoutAuxiliary);

        assertEquals("error", result.status(), result.toString());
        assertTrue(result.payload().contains("404"), result.payload());
    }

    @Test
    void aDestinationOnTheAllowListInAnAllowedPrivateNetworkIsReached() throws Exception {
        testHost.forget();
        String destination = TestHost.ADDRESS + ":" + TestHost.PORT;
        InvokeResult result = running.invoke(
                instanceId,
                fetch("http://" + destination + "/allowed", List.of(destination), List.of(TestHost.NETWORK)));

        assertEquals("success", result.status(), result.toString());
        assertEquals(List.of("/allowed"), testHost.seen());
    }

    @Test
    void aPrivateDestinationWhoseNetworkIsNotAllowedIsDenied() throws Exception {
        testHost.forget();
        String destination = TestHost.ADDRESS + ":" + TestHost.PORT;
        InvokeResult result = running.invoke(
                instanceId, fetch("http://" + destination + "/private", List.of(destination), List.of()));

        assertEquals("egress_denied", result.status(), result.toString());
        assertEquals(List.of(), testHost.seen());
    }

    @Test
    void loopbackInAnyNotationIsDeniedThoughAllowListed() throws Exception {
        seen.clear();
        int port = listener.getAddress().getPort();
        for (String host : List.of("127.0.0.2", "2130706434", "0x7f.2", "0177.0.0.2", "127.2", "[::ffff:127.0.0.2]")) {
            String destination = host + ":" + port;
            InvokeResult result = running.invoke(
                    instanceId,
                    fetch("http://" + destination + "/attack", List.of(destination), List.of(TestHost.NETWORK)));

            assertEquals("egress_denied", result.status(), host + ": " + result);
        }
        assertEquals(List.of(), seen, "the listener on 127.0.0.2 was never reached");
    }

    @Test
    void aNameThatResolvesToLoopbackIsDenied() throws Exception {
        String name = loopbackNameInEtcHosts();
        seen.clear();
        int port = listener.getAddress().getPort();
        // localhost itself never reaches the proxy: NO_PROXY sends it to the container's own loopback.
        for (String host : List.of(name, name.toUpperCase(java.util.Locale.ROOT) + ".")) {
            String destination = host + ":" + port;
            InvokeResult result = running.invoke(
                    instanceId, fetch("http://" + destination + "/attack", List.of(destination), List.of()));

            assertEquals("egress_denied", result.status(), host + ": " + result);
        }
        assertEquals(List.of(), seen);
    }

    @Test
    void theHostsOwnAddressIsDeniedEvenInsideAnAllowedNetwork() throws Exception {
        seen.clear();
        String destination =
                TestHost.HOST_SIDE + ":" + hostSideListener.getAddress().getPort();
        InvokeResult result = running.invoke(
                instanceId, fetch("http://" + destination + "/own", List.of(destination), List.of(TestHost.NETWORK)));

        assertEquals("egress_denied", result.status(), result.toString());
        assertEquals(List.of(), seen);
    }

    /** A name other than localhost that /etc/hosts maps to a loopback address (Debian: ip6-localhost). */
    private static String loopbackNameInEtcHosts() throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/hosts"))) {
            String[] fields = line.split("#", 2)[0].trim().split("\\s+");
            if (fields.length > 1 && (fields[0].startsWith("127.") || fields[0].equals("::1"))) {
                for (int i = 1; i < fields.length; i++) {
                    if (!fields[i].equals("localhost") && !fields[i].endsWith(".localhost")) {
                        return fields[i];
                    }
                }
            }
        }
        Assumptions.abort("/etc/hosts maps no name but localhost to loopback");
        return null;
    }

    @Test
    void aDestinationOutsideTheAllowListIsDenied() throws Exception {
        seen.clear();
        InvokeResult result = running.invoke(instanceId, fetch("/denied", List.of("127.0.0.2:1"), List.of()));

        assertEquals("egress_denied", result.status(), result.toString());
        assertEquals(List.of(), seen, "the listener was never reached");
    }

    @Test
    void withoutAnAllowListNothingIsReached() throws Exception {
        seen.clear();
        InvokeResult result = running.invoke(instanceId, fetch("/none", List.of(), List.of()));

        assertEquals("egress_denied", result.status(), result.toString());
        assertEquals(List.of(), seen);
    }

    @Test
    void theAuxiliaryRouteCannotClimbOutOfItsPrefix() throws Exception {
        seen.clear();
        for (String path :
                List.of("/../functions", "/%2e%2e/functions", "/kv/..%2Ffunctions", "/kv/..;/..;/functions")) {
            InvokeResult result =
                    running.invoke(instanceId, fetch("http://aux.hearth.internal" + path, List.of(), List.of()));

            assertEquals("error", result.status(), path + ": " + result);
            assertTrue(result.payload().contains("404"), result.payload());
        }
        assertEquals(List.of(), seen);
    }

    private String listenerHostPort() {
        return "127.0.0.2:" + listener.getAddress().getPort();
    }

    private String auxiliaryUrl() {
        return "http://" + listenerHostPort() + "/api/v1/aux";
    }

    private InvokeRequest splitRequest(String invocationId) {
        return InvokeRequest.withoutPrivateNetworks(
                invocationId,
                "split-python",
                exampleSha,
                "python3",
                "front",
                List.of(
                        PortionSpec.of("front", "front", "app.handler", "untrusted"),
                        PortionSpec.of("vault", "vault", "app.handler", "trusted")),
                Map.of(),
                LIMITS,
                "{\"question\": \"What is six times seven?\"}",
                credential,
                List.of(),
                auxiliaryUrl());
    }

    /**
     * The trusted fetcher asks for {@code pathOrUrl} (a path on the test's listener, or a URL), its
     * egress allowed to {@code egressAllowList} and the private networks {@code allowedPrivateNetworks}.
     */
    private InvokeRequest fetch(String pathOrUrl, List<String> egressAllowList, List<String> allowedPrivateNetworks) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : "http://" + listenerHostPort() + pathOrUrl;
        return InvokeRequest.withoutSecrets(
                UUID.randomUUID().toString(),
                "fetcher",
                fetcherSha,
                "python3",
                "fetch",
                List.of(PortionSpec.of("fetch", "fetch", "app.handler", "trusted")),
                Map.of(),
                LIMITS,
                "{\"url\": \"" + url + "\"}",
                null,
                egressAllowList,
                auxiliaryUrl(),
                allowedPrivateNetworks);
    }

    private static InvokeRequest withAuxiliaryUrl(InvokeRequest r, String auxiliaryUrl) {
        return InvokeRequest.withoutPrivateNetworks(
                r.invocationId(),
                r.functionName(),
                r.codeSha256(),
                r.runtime(),
                r.entryPortion(),
                r.portions(),
                r.environment(),
                r.limits(),
                r.event(),
                r.credential(),
                r.egressAllowList(),
                auxiliaryUrl);
    }

    private static JsonObject json(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
