package dev.hearth.it;

import static dev.hearth.it.HearthApi.post;
import static dev.hearth.it.HearthApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A developer attacks the control plane through the doors around the sandbox, end to end through
 * the API: egress allow-lists and log endpoints naming Payara's admin port on loopback in every
 * notation a resolver accepts are refused at upload with a problem naming the entry (before any
 * host is involved, so on every container runtime alike); a name that resolves to loopback passes
 * the upload and is refused when the proxy connects; a private network is reachable only while the
 * admin allows it, and the connect-time check is the authority, not the stored allow-list. The
 * attacks whose code runs run on both container runtimes: on the IT environment's host {@code
 * local} (bwrap) and on its second host {@code runc} ({@link RuncHostAgent}, started for this
 * class), each with the other host drained, and the served host checked in the admin's instances.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DestinationAttackIT {

    private static final String ADMIN_PORT = ItSettings.required("payara.admin.port");

    /** 127.0.0.1 as inet_aton, Java and IPv6 write it. */
    private static final List<String> LOOPBACK_NOTATIONS = List.of(
            "2130706433",
            "0x7f000001",
            "0177.0.0.1",
            "127.1",
            "0x7f.1",
            "127.0.0.1.",
            "[::ffff:127.0.0.1]",
            "[::ffff:7f00:1]",
            "[::1]");

    private static final String BWRAP = "local";
    private static final String RUNC = RuncHostAgent.HOST_ID;

    private static RuncHostAgent runcAgent;

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @BeforeAll
    static void startTheRuncHost() throws IOException {
        runcAgent = RuncHostAgent.start();
    }

    @AfterAll
    static void stopTheRuncHost() {
        if (runcAgent != null) {
            runcAgent.close();
        }
    }

    @Test
    void anAllowListNamingTheAdminPortInAnyNotationIsRefusedAtUpload() {
        for (String host : LOOPBACK_NOTATIONS) {
            String entry = host + ":" + ADMIN_PORT;

            HearthApi.Answer refused = put(
                    "dev",
                    "/functions/attack-notation",
                    "application/zip",
                    Archives.trustedFetcher("[\"" + entry + "\"]"));

            assertEquals(400, refused.status(), entry + ": " + refused.body());
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
            List<String> errors = refused.json().getJsonArray("errors").getValuesAs(JsonString::getString);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(
                    errors.get(0).startsWith("policy.egress: egress destination '" + entry + "' is refused: "),
                    errors.get(0));
            assertTrue(errors.get(0).contains("loopback"), errors.get(0));
        }
        assertEquals(404, HearthApi.get("dev", "/functions/attack-notation").status(), "nothing was stored");
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedWhenTheProxyConnectsOnBwrap() throws Exception {
        Fleet.onlyOn(BWRAP, () -> aNameThatResolvesToLoopbackIsRefusedWhenTheProxyConnects(BWRAP));
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedWhenTheProxyConnectsOnRunc() throws Exception {
        Fleet.onlyOn(RUNC, () -> aNameThatResolvesToLoopbackIsRefusedWhenTheProxyConnects(RUNC));
    }

    private void aNameThatResolvesToLoopbackIsRefusedWhenTheProxyConnects(String host) throws IOException {
        String name = loopbackNameInEtcHosts();
        String entry = name + ":" + ADMIN_PORT;
        HearthApi.Answer uploaded =
                put("dev", "/functions/attack-name", "application/zip", Archives.trustedFetcher("[\"" + entry + "\"]"));
        assertTrue(uploaded.status() == 201 || uploaded.status() == 200, uploaded.body());

        HearthApi.Answer invoked = post(
                "dev",
                "/functions/attack-name/invocations",
                "application/json",
                "{\"url\": \"http://" + entry + "/management/domain/version.json\"}");

        assertEquals(200, invoked.status(), invoked.body());
        assertEquals("egress_denied", invoked.json().getString("status"), invoked.body());
        Fleet.assertServedBy(host, "dev", invoked);
    }

    @Test
    void aLogEndpointOnLoopbackInAnyNotationIsRefused() {
        for (String host : LOOPBACK_NOTATIONS) {
            String endpoint = "http://" + host + ":" + ADMIN_PORT + "/management/domain";

            HearthApi.Answer refused = HearthApi.send(HearthApi.request("dev", "/functions/attack-log/invocations")
                    .header("Content-Type", "application/json")
                    .header("Hearth-Log-Endpoint", endpoint)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));

            assertEquals(400, refused.status(), endpoint + ": " + refused.body());
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
            String detail = refused.json().getString("detail");
            assertTrue(detail.startsWith("the log endpoint '"), detail);
            assertTrue(detail.contains(host) || detail.contains(endpoint), endpoint + ": " + detail);
        }
    }

    @Test
    void aPrivateNetworkIsReachableOnlyWhileTheAdminAllowsItOnBwrap() throws Exception {
        Fleet.onlyOn(BWRAP, () -> aPrivateNetworkIsReachableOnlyWhileTheAdminAllowsIt(BWRAP));
    }

    @Test
    void aPrivateNetworkIsReachableOnlyWhileTheAdminAllowsItOnRunc() throws Exception {
        Fleet.onlyOn(RUNC, () -> aPrivateNetworkIsReachableOnlyWhileTheAdminAllowsIt(RUNC));
    }

    private void aPrivateNetworkIsReachableOnlyWhileTheAdminAllowsIt(String host) throws Exception {
        HearthApi.Answer uploaded =
                put("dev", "/functions/attack-log", "application/zip", Archives.example("hello-python"));
        assertTrue(uploaded.status() == 201 || uploaded.status() == 200, uploaded.body());
        try (NamespacedListener listener = new NamespacedListener()) {
            String destination = NamespacedListener.ADDRESS + ":" + NamespacedListener.PORT;
            assertEquals(
                    400,
                    put(
                                    "dev",
                                    "/functions/attack-private",
                                    "application/zip",
                                    Archives.trustedFetcher("[\"" + destination + "\"]"))
                            .status(),
                    "a private literal outside the allowed networks is refused at upload");
            assertEquals(400, invokeLoggingTo(listener.url("/refused")).status());

            Fleet.allowPrivateNetworks(NamespacedListener.NETWORK);
            HearthApi.Answer logged = invokeLoggingTo(listener.url("/ingest"));
            assertEquals(200, logged.status(), logged.body());
            Fleet.assertServedBy(host, "dev", logged);
            HearthApi.Answer stored = put(
                    "dev",
                    "/functions/attack-private",
                    "application/zip",
                    Archives.trustedFetcher("[\"" + destination + "\"]"));
            assertTrue(stored.status() == 201 || stored.status() == 200, stored.body());
            HearthApi.Answer reached = invokeFetcher("attack-private", listener.url("/egress"));
            assertEquals("success", reached.json().getString("status"), reached.body());
            Fleet.assertServedBy(host, "dev", reached);
            List<String> seen = listener.awaitSeen(2, Duration.ofSeconds(15));
            assertEquals(4, seen.size(), "the log delivery and the function's request: " + seen);
            assertTrue(seen.contains("POST /ingest None"), seen.toString());
            assertTrue(seen.contains("POST /egress None"), seen.toString());

            Fleet.settings(Fleet.DEFAULT_SETTINGS);
            HearthApi.Answer denied = invokeFetcher("attack-private", listener.url("/after"));
            assertEquals(
                    "egress_denied",
                    denied.json().getString("status"),
                    "the stored allow-list names it, the connect-time check decides: " + denied.body());
            Fleet.assertServedBy(host, "dev", denied);
            assertEquals(4, listener.seen().size(), "nothing more arrived: " + listener.seen());
        } finally {
            Fleet.settings(Fleet.DEFAULT_SETTINGS);
            HearthApi.delete("dev", "/functions/attack-private");
        }
    }

    @Test
    void anAdminMayAllowPrivateRangesOnly() {
        for (String cidr : List.of("127.0.0.0/8", "169.254.0.0/16", "0.0.0.0/0", "8.8.8.0/24", "10.0.0.0/7")) {
            HearthApi.Answer refused = put(
                    Fleet.ADMIN,
                    "/admin/settings",
                    "application/json",
                    Fleet.DEFAULT_SETTINGS
                            .replace("}", ",\"allowedPrivateNetworks\":[\"" + cidr + "\"]}")
                            .getBytes(StandardCharsets.UTF_8));

            assertEquals(400, refused.status(), cidr + ": " + refused.body());
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
            assertTrue(refused.json().getString("detail").contains("'" + cidr + "'"), refused.body());
        }
        assertEquals(
                0,
                HearthApi.get(Fleet.ADMIN, "/admin/settings")
                        .json()
                        .getJsonArray("allowedPrivateNetworks")
                        .size());
    }

    /**
     * A trusted function that speaks to the egress proxy on a raw socket: a request to the
     * auxiliary services with a second one pipelined after it, one with a second smuggled behind a
     * body framed two ways, and a path that climbs out of the auxiliary prefix with {@code ..;}.
     * Each answers with the status lines it read.
     */
    private static final String SMUGGLER =
            """
            import os, socket, urllib.error, urllib.parse, urllib.request

            def raw(request):
                proxy = urllib.parse.urlsplit(os.environ["HTTP_PROXY"])
                with socket.create_connection((proxy.hostname, proxy.port), timeout=10) as s:
                    s.sendall(request.encode())
                    answer = b""
                    while chunk := s.recv(65536):
                        answer += chunk
                lines = answer.decode("latin-1").split("\\r\\n")
                return [line.split(" ")[1] for line in lines if line.startswith("HTTP/1.")]

            def handler(event, context):
                head = "Host: aux\\r\\nAuthorization: Bearer " + os.environ["HEARTH_CREDENTIAL"] + "\\r\\n"
                second = "GET /api/v1/functions HTTP/1.1\\r\\n" + head + "\\r\\n"
                pipelined = raw("GET http://aux.hearth.internal/kv/attack HTTP/1.1\\r\\n" + head + "\\r\\n" + second)
                smuggled = raw("POST http://aux.hearth.internal/kv/attack HTTP/1.1\\r\\n" + head
                               + "Content-Length: 5\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n" + second)
                try:
                    climbed = urllib.request.urlopen(os.environ["HEARTH_AUX_URL"] + "/kv/..;/..;/functions", timeout=10).status
                except urllib.error.HTTPError as e:
                    climbed = e.code
                return {"pipelined": pipelined, "smuggled": smuggled, "climbed": climbed}
            """;

    @Test
    void theAuxiliaryRouteCarriesOneCheckedRequestPerConnectionToPayara() {
        HearthApi.Answer uploaded = put(
                "dev",
                "/functions/attack-smuggle",
                "application/zip",
                Archives.zipOfText(Map.of(
                        "hearth.json",
                        "{\"runtime\": \"python3\", \"portions\": [{\"name\": \"main\", \"path\": \".\","
                                + " \"handler\": \"app.handler\", \"trustLevel\": \"trusted\"}],"
                                + " \"policy\": {\"memoryMb\": 64, \"credentialScopes\": [\"kv:read\"]}}",
                        "app.py",
                        SMUGGLER)));
        assertTrue(uploaded.status() == 201 || uploaded.status() == 200, uploaded.body());

        HearthApi.Answer invoked = post("dev", "/functions/attack-smuggle/invocations", "application/json", "{}");

        assertEquals(200, invoked.status(), invoked.body());
        assertEquals("success", invoked.json().getString("status"), invoked.body());
        JsonObject result = invoked.json().getJsonObject("result");
        assertEquals(
                List.of("404"),
                strings(result.getJsonArray("pipelined")),
                "Payara answered the first request (no such key) and never saw the second: " + result);
        assertEquals(
                List.of("400"),
                strings(result.getJsonArray("smuggled")),
                "a body framed two ways is refused by the proxy: " + result);
        assertEquals(404, result.getInt("climbed"), "the proxy refuses ..; below the prefix: " + result);
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString::getString);
    }

    private static HearthApi.Answer invokeLoggingTo(String endpoint) {
        return HearthApi.send(HearthApi.request("dev", "/functions/attack-log/invocations")
                .header("Content-Type", "application/json")
                .header("Hearth-Log-Endpoint", endpoint)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private static HearthApi.Answer invokeFetcher(String function, String url) {
        HearthApi.Answer answer = post(
                "dev", "/functions/" + function + "/invocations", "application/json", "{\"url\": \"" + url + "\"}");
        assertEquals(200, answer.status(), answer.body());
        return answer;
    }

    /** A name other than localhost that /etc/hosts maps to loopback (Debian: ip6-localhost). */
    private static String loopbackNameInEtcHosts() throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/hosts"))) {
            String[] fields = line.split("#", 2)[0].trim().split("\\s+");
            if (fields.length > 1 && (fields[0].startsWith("127.") || fields[0].equals("::1"))) {
                for (int i = 1; i < fields.length; i++) {
                    String name = fields[i].toLowerCase(Locale.ROOT);
                    if (!name.equals("localhost") && !name.endsWith(".localhost")) {
                        return fields[i];
                    }
                }
            }
        }
        Assumptions.abort("/etc/hosts maps no name but localhost to loopback");
        return null;
    }
}
