package dev.hearth.hypervisor.host;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.host.sandbox.ContainerRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent serving HTTPS with a keystore made as {@code ./hearth} makes it: a client that
 * pins its certificate gets answers, one that pins another certificate is refused in the
 * handshake, and plain HTTP to its port gets no HTTP answer.
 */
@SystemTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentTlsTest {

    @TempDir
    static Path keys;

    private RunningAgent running;
    private Path agentCertificate;
    private Path otherCertificate;

    @BeforeAll
    void start() throws Exception {
        Path keystore = keys.resolve("agent.p12");
        Path password = keys.resolve("agent.password");
        Files.writeString(password, "keystore-password\n");
        agentCertificate = makeKey(keystore, password, keys.resolve("agent.pem"));
        otherCertificate = makeKey(keys.resolve("other.p12"), password, keys.resolve("other.pem"));
        running = new RunningAgent(
                1,
                ContainerRuntime.BWRAP,
                List.of("--tls-keystore", keystore.toString(), "--tls-keystore-password-file", password.toString()));
    }

    @AfterAll
    void stop() throws IOException {
        running.close();
    }

    @Test
    void answersAClientThatPinsItsCertificate() throws Exception {
        assertTrue(running.base.toString().startsWith("https://127.0.0.1:"), running.base.toString());

        HttpResponse<String> answer = get(pinning(agentCertificate), "/v1/agent", running.secret);

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("TLSv1.3", answer.sslSession().orElseThrow().getProtocol());
        assertEquals(
                401, get(pinning(agentCertificate), "/v1/agent", "wrong-secret").statusCode());
    }

    @Test
    void isRefusedByAClientThatPinsAnotherCertificate() {
        assertThrows(SSLHandshakeException.class, () -> get(pinning(otherCertificate), "/v1/agent", running.secret));
    }

    @Test
    void givesNoHttpAnswerInPlainText() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", running.port())) {
            plain.setSoTimeout(5000);
            plain.getOutputStream()
                    .write(("GET /v1/agent HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + running.secret
                                    + "\r\n\r\n")
                            .getBytes(ISO_8859_1));
            String answer = new String(readSome(plain.getInputStream()), ISO_8859_1);

            assertFalse(answer.startsWith("HTTP/"), answer);
            assertFalse(answer.contains("test-host"), answer);
        }
    }

    private static byte[] readSome(InputStream in) {
        try {
            return in.readNBytes(64);
        } catch (IOException closed) {
            return new byte[0];
        }
    }

    private HttpResponse<String> get(HttpClient client, String path, String secret) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(running.base + path))
                        .header("Authorization", "Bearer " + secret)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient pinning(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry(
                    "agent", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    /** A key and self-signed certificate for 127.0.0.1, as {@code ./hearth}'s agent_certificate makes them. */
    private static Path makeKey(Path keystore, Path password, Path pem) throws Exception {
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(
                keytool,
                "-genkeypair",
                "-alias",
                "hearth-agent",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=hearth-agent",
                "-ext",
                "SAN=IP:127.0.0.1,DNS:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass:file",
                password.toString());
        run(
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                "hearth-agent",
                "-keystore",
                keystore.toString(),
                "-storepass:file",
                password.toString(),
                "-file",
                pem.toString());
        return pem;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), ISO_8859_1);
        assertEquals(0, process.waitFor(), output);
    }
}
