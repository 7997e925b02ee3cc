package dev.hearth.it;

import static dev.hearth.it.HearthApi.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The host agent is killed and started again: Hearth forgets what died with it, refills, and
 * neither leaks an instance (every instance the agent runs is one Hearth knows) nor hands one out
 * twice. The agent is restarted by {@code ./hearth up} with the test environment's settings (it
 * starts only what is not running), so it runs as before for the tests that follow.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AgentRestartIT {

    private static final String FUNCTION = "restart-it-dev";
    private static final Path IT_DIR = Path.of(System.getProperty("hearth.it.dir", "../../.hearth/it"));
    private static final Path REPO = Path.of(System.getProperty("hearth.repo", "../.."));
    private static final String AGENT = ItSettings.required("hearth.agent.url");
    /** Trusts the agent's certificate alone, as Payara does (./hearth makes it). */
    private static final HttpClient AGENT_CLIENT = pinning(IT_DIR.resolve("agent-tls.pem"));

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @AfterEach
    void leaveNoPoolBehind() {
        Fleet.restoreDefaults();
    }

    @Test
    void aKilledAgentLeavesNoLeakedOrDoublyAssignedInstance() throws Exception {
        Fleet.deployWithOneWarming(FUNCTION, 1);
        String before = WarmingPoolIT.instanceOf("dev", WarmingPoolIT.invoke("dev", FUNCTION));

        killAgent();
        restartAgent();

        Fleet.await(
                () -> Set.copyOf(hearthInstanceIds()),
                ids -> ids.equals(agentInstanceIds())
                        && Fleet.pool("python3").getInt("warming") == 1
                        && !ids.contains(before),
                Duration.ofSeconds(60),
                "Hearth's instances to match the restarted agent's");

        HearthApi.Answer after = WarmingPoolIT.invoke("dev", FUNCTION);
        String now = WarmingPoolIT.instanceOf("dev", after);
        assertNotEquals(before, now, "the old instance died with the agent");
        assertEquals("warming-pool", after.json().getString("startKind"));
        List<String> ids = hearthInstanceIds();
        assertEquals(ids.size(), Set.copyOf(ids).size(), "each instance once");
        Map<String, String> owners = Fleet.instances().stream()
                .filter(i -> i.containsKey("owner") && !i.isNull("owner"))
                .collect(Collectors.toMap(i -> i.getString("instanceId"), i -> i.getString("owner")));
        assertEquals("dev", owners.get(now));
        Fleet.await(
                () -> Set.copyOf(hearthInstanceIds()),
                known -> known.equals(agentInstanceIds()),
                Duration.ofSeconds(30),
                "no leak after the refill");
    }

    /** The agent's health status, 0 while it does not listen. */
    private static int agentHealth() {
        try {
            return HearthApi.send(
                            AGENT_CLIENT,
                            HttpRequest.newBuilder(URI.create(AGENT + "/v1/health"))
                                    .GET())
                    .status();
        } catch (UncheckedIOException notListening) {
            return 0;
        }
    }

    private static HttpClient pinning(Path certificate) {
        try (InputStream pem = Files.newInputStream(certificate)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(
                    "agent", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return HttpClient.newBuilder()
                    .sslContext(tls)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + certificate, e);
        }
    }

    private static List<String> hearthInstanceIds() {
        return Fleet.instances().stream()
                .filter(i -> !i.getString("state").equals("booting"))
                .map(i -> i.getString("instanceId"))
                .toList();
    }

    private static Set<String> agentInstanceIds() {
        try {
            String secret = Files.readString(IT_DIR.resolve("agent.secret")).strip();
            HearthApi.Answer answer = HearthApi.send(
                    AGENT_CLIENT,
                    HttpRequest.newBuilder(URI.create(AGENT + "/v1/instances"))
                            .header("Authorization", "Bearer " + secret)
                            .GET());
            assertEquals(200, answer.status(), answer.body());
            return ((JsonArray) HearthApi.parse(answer.body()))
                    .stream().map(v -> ((JsonObject) v).getString("instanceId")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void killAgent() throws IOException {
        long pid =
                Long.parseLong(Files.readString(IT_DIR.resolve("run/agent.pid")).strip());
        ProcessHandle agent = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no agent process " + pid));
        agent.destroyForcibly();
        agent.onExit().join();
    }

    private static void restartAgent() throws IOException, InterruptedException {
        ProcessBuilder up = new ProcessBuilder(REPO.resolve("hearth").toString(), "up")
                .redirectErrorStream(true)
                .redirectOutput(IT_DIR.resolve("logs/agent-restart-it.log").toFile());
        up.environment()
                .putAll(Map.of(
                        "HEARTH_DATA_DIR", IT_DIR.toString(),
                        "HEARTH_PROFILE", "it",
                        "HEARTH_DB", "postgresql",
                        "HEARTH_DEPLOY", "false",
                        "HEARTH_BUILD", "skip",
                        "HEARTH_AGENT_DRIVERS", "sandbox,qemu",
                        "HEARTH_AGENT_GUEST_DIR", "/var/cache/hearth/guest"));
        up.environment().put("HEARTH_AGENTS", "runc=" + RuncHostAgent.URL);
        // The profile's ports, as src/it/it-env uses, whatever the caller's environment says.
        up.environment()
                .keySet()
                .removeAll(List.of("HEARTH_PORT_BASE", "HEARTH_KEYCLOAK_PORT", "HEARTH_AGENT_PORT", "HEARTH_PG_PORT"));
        Process process = up.start();
        // The agent is started early by ./hearth up; what follows it is not this test's concern.
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "./hearth up did not finish");
        Fleet.await(
                AgentRestartIT::agentHealth,
                status -> status == 200,
                Duration.ofSeconds(60),
                "the restarted agent to answer; see " + IT_DIR.resolve("logs/agent-restart-it.log"));
        assertEquals(200, get("admin", "/admin/hosts").status());
    }
}
