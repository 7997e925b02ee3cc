package dev.hearth.hypervisor.adapter.transport;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.ResourceException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The adapter's HTTP client against a scripted agent on 127.0.0.1, plain and over pinned TLS. */
class AgentHttpChannelTest {

    private static final String SECRET = "the-shared-secret-of-this-test";
    private static final byte[] OK = ScriptedAgent.answer(200, "application/json", "{\"ok\":true}");

    @TempDir
    static Path keys;

    private static TestCertificates agentKey;
    private static TestCertificates otherKey;

    @BeforeAll
    static void makeKeys() throws Exception {
        agentKey = TestCertificates.make(keys, "agent");
        otherKey = TestCertificates.make(keys, "other");
    }

    private static ScriptedAgent agent(boolean tls, ScriptedAgent.Script script) throws Exception {
        return new ScriptedAgent(tls ? agentKey.serverContext() : null, script);
    }

    private static AgentHttpChannel channel(ScriptedAgent agent, boolean tls, TestCertificates pinned)
            throws ResourceException {
        return channel(agent, tls, pinned.pem());
    }

    private static AgentHttpChannel channel(ScriptedAgent agent, boolean tls, Path pinned) throws ResourceException {
        URI url = agent.url(tls ? "https" : "http");
        return new AgentHttpChannel(url, AgentDirectory.tls(url, pinned.toString()), SECRET, 2000, 5000);
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void sendsTheRequestWithTheSecretAndReadsTheAnswer(boolean tls) throws Exception {
        try (ScriptedAgent agent = agent(tls, request -> OK);
                AgentHttpChannel channel = channel(agent, tls, agentKey)) {
            AgentHttpChannel.Response response = channel.exchange(
                    "POST", "/v1/instances", "application/json", "{\"runtime\":\"python3\"}".getBytes(UTF_8));

            assertEquals(200, response.status());
            assertEquals("application/json", response.contentType());
            assertEquals("{\"ok\":true}", response.text());
            ScriptedAgent.Request seen = agent.requests().get(0);
            assertEquals("POST /v1/instances", seen.method() + " " + seen.path());
            assertEquals("Bearer " + SECRET, seen.headers().get("authorization"));
            assertEquals("{\"runtime\":\"python3\"}", seen.body());
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void keepsTheConnectionForTheNextRequest(boolean tls) throws Exception {
        try (ScriptedAgent agent = agent(tls, request -> OK);
                AgentHttpChannel channel = channel(agent, tls, agentKey)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(
                        200, channel.exchange("GET", "/v1/agent", null, null).status());
            }

            assertEquals(3, agent.requests().size());
            assertEquals(1, agent.connections());
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void sendsOnceMoreOnANewConnectionWhenTheKeptOneIsDead(boolean tls) throws Exception {
        try (ScriptedAgent agent = agent(tls, request -> OK);
                AgentHttpChannel channel = channel(agent, tls, agentKey)) {
            agent.closeAfterEachAnswer(); // the agent is restarted after its answer
            assertEquals(200, channel.exchange("GET", "/v1/agent", null, null).status());

            assertEquals(
                    200,
                    channel.exchange("DELETE", "/v1/instances/i-1", null, null).status());
            assertEquals(2, agent.connections());
            List<String> paths =
                    agent.requests().stream().map(ScriptedAgent.Request::path).toList();
            assertEquals(List.of("/v1/agent", "/v1/instances/i-1"), paths, "the second request arrived once");
        }
    }

    @Test
    void doesNotSendAgainWhenANewConnectionEndsWithoutAnAnswer() throws Exception {
        try (ScriptedAgent agent = agent(false, request -> null);
                AgentHttpChannel channel = channel(agent, false, agentKey)) {
            assertThrows(
                    IOException.class,
                    () -> channel.exchange(
                            "POST", "/v1/instances/i-1/invocations", "application/json", new byte[] {'{', '}'}));

            assertEquals(1, agent.requests().size(), "a request that may have run is never sent twice");
            assertFalse(channel.isOpen());
        }
    }

    @Test
    void aNewConnectionResumesTheTlsSessionOfAnEarlierOne() throws Exception {
        try (ScriptedAgent agent = agent(true, request -> OK);
                AgentHttpChannel first = channel(agent, true, agentKey);
                AgentHttpChannel second = channel(agent, true, agentKey)) {
            assertEquals(200, first.exchange("GET", "/v1/agent", null, null).status());
            assertEquals(200, second.exchange("GET", "/v1/agent", null, null).status());

            List<SSLSession> sessions = agent.sessions();
            assertEquals(2, sessions.size(), "two connections");
            // A resumed session carries the creation time of the full handshake that made it.
            assertEquals(
                    sessions.get(0).getCreationTime(),
                    sessions.get(1).getCreationTime(),
                    "the second connection resumed the first one's session");
        }
    }

    @Test
    void readsTheCertificateFileAgainWhenItChanges() throws Exception {
        Path pinned = keys.resolve("rotating.pem");
        Files.copy(agentKey.pem(), pinned, StandardCopyOption.REPLACE_EXISTING);
        try (ScriptedAgent before = agent(true, request -> OK);
                ScriptedAgent after = new ScriptedAgent(otherKey.serverContext(), request -> OK)) {
            try (AgentHttpChannel channel = channel(before, true, pinned)) {
                assertEquals(
                        200, channel.exchange("GET", "/v1/agent", null, null).status());
            }

            Files.copy(otherKey.pem(), pinned, StandardCopyOption.REPLACE_EXISTING); // the key rotated
            try (AgentHttpChannel channel = channel(after, true, pinned)) {
                assertEquals(
                        200, channel.exchange("GET", "/v1/agent", null, null).status(), "the new key is pinned");
            }
            try (AgentHttpChannel channel = channel(before, true, pinned)) {
                assertThrows(
                        SSLHandshakeException.class,
                        () -> channel.exchange("GET", "/v1/agent", null, null),
                        "the old key is not, and its session is not resumed either");
            }
        }
    }

    @Test
    void refusesAnAgentThatPresentsAnotherCertificate() throws Exception {
        try (ScriptedAgent agent = agent(true, request -> OK);
                AgentHttpChannel channel = channel(agent, true, otherKey)) {
            assertThrows(SSLHandshakeException.class, () -> channel.exchange("GET", "/v1/agent", null, null));

            assertEquals(List.of(), agent.requests(), "the secret never reached it");
            assertEquals(1, agent.connections(), "and the request was not tried again");
        }
    }

    @Test
    void refusesPlainHttpToAnotherMachineAndHttpsWithoutACertificate() throws Exception {
        assertThrows(ResourceException.class, () -> AgentDirectory.of("a", "http://10.1.2.3:9700", ""));
        assertThrows(
                ResourceException.class,
                () -> AgentDirectory.of("a", "http://127.0.0.1:9700", "b=http://agent-b:9700"));
        assertThrows(ResourceException.class, () -> AgentDirectory.tls(URI.create("https://10.1.2.3:9700"), ""));
        assertTrue(AgentDirectory.tls(URI.create("http://[::1]:9700"), "").isEmpty());
    }

    @Test
    void readsFurtherAgentsAndTakesALoneCommaForNone() throws Exception {
        assertEquals(
                List.of("local", "runc"),
                List.copyOf(AgentDirectory.of("local", "http://127.0.0.1:9700", "runc=https://127.0.0.1:9701")
                        .agents()
                        .keySet()));
        assertEquals(
                List.of("local"),
                List.copyOf(AgentDirectory.of("local", "http://127.0.0.1:9700", ",")
                        .agents()
                        .keySet()));
        assertThrows(ResourceException.class, () -> AgentDirectory.of("local", "http://127.0.0.1:9700", "runc"));
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void readsChunkedBodies(boolean tls) throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n[1,2,\r\n" + "3;ext=1\r\n3,4\r\n" + "1\r\n]\r\n" + "0\r\n\r\n";
        try (ScriptedAgent agent = agent(tls, request -> chunked.getBytes(ISO_8859_1));
                AgentHttpChannel channel = channel(agent, tls, agentKey)) {
            assertEquals(
                    "[1,2,3,4]",
                    channel.exchange("GET", "/v1/instances", null, null).text());
            assertEquals(
                    "[1,2,3,4]",
                    channel.exchange("GET", "/v1/instances", null, null).text());
            assertEquals(1, agent.connections(), "the chunked answer was read to its end");
        }
    }

    @Test
    void needsTheCertificateForAnHttpsUrl() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new AgentHttpChannel(URI.create("https://127.0.0.1:1"), Optional.empty(), SECRET, 100, 100));
    }

    @Test
    void aTimeoutIsReportedAndTheRequestIsNotSentAgain() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ScriptedAgent agent = agent(false, request -> {
                    awaitQuietly(never); // the agent runs it for longer than the caller waits
                    return null;
                });
                AgentHttpChannel channel =
                        new AgentHttpChannel(agent.url("http"), Optional.empty(), SECRET, 2000, 200)) {
            assertThrows(
                    SocketTimeoutException.class,
                    () -> channel.exchange(
                            "POST", "/v1/instances/i-1/invocations", "application/json", new byte[] {'{', '}'}));

            assertEquals(1, agent.requests().size(), "an invocation that may be running is never sent twice");
            assertFalse(channel.isOpen(), "the connection, whose answer may still come, is not used again");
        } finally {
            never.countDown();
        }
    }

    @Test
    void anyRequestOnAKeptConnectionThatEndsUnansweredIsSentOnceMore() throws Exception {
        // The retry depends on the connection, not on the method: an invocation too is sent again
        // when the kept socket ends before any byte of an answer (the agent process behind it is gone).
        try (ScriptedAgent agent = agent(false, request -> OK);
                AgentHttpChannel channel = channel(agent, false, agentKey)) {
            agent.closeAfterEachAnswer();
            assertEquals(200, channel.exchange("GET", "/v1/agent", null, null).status());

            AgentHttpChannel.Response invoked = channel.exchange(
                    "POST", "/v1/instances/i-1/invocations", "application/json", new byte[] {'{', '}'});

            assertEquals(200, invoked.status());
            assertEquals(
                    List.of("GET /v1/agent", "POST /v1/instances/i-1/invocations"),
                    agent.requests().stream()
                            .map(r -> r.method() + " " + r.path())
                            .toList(),
                    "the invocation reached the agent once, on the new connection");
        }
    }

    @Test
    void sendsOnceMoreOnlyOnce() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        // The first request is answered; every later one is read and left unanswered.
        try (ScriptedAgent agent = agent(false, request -> answered.getAndIncrement() == 0 ? OK : null);
                AgentHttpChannel channel = channel(agent, false, agentKey)) {
            assertEquals(200, channel.exchange("GET", "/v1/agent", null, null).status());

            assertThrows(IOException.class, () -> channel.exchange("DELETE", "/v1/instances/i-1", null, null));

            assertEquals(
                    List.of("/v1/agent", "/v1/instances/i-1", "/v1/instances/i-1"),
                    agent.requests().stream().map(ScriptedAgent.Request::path).toList(),
                    "the kept connection's failure is retried once on a new one, and that one's is reported");
            assertFalse(channel.isOpen());
        }
    }

    @Test
    void anAnswerCutShortIsAnErrorAndNotSentAgain() throws Exception {
        byte[] cut = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ok\""
                .getBytes(ISO_8859_1);
        try (ScriptedAgent agent = agent(false, request -> request.path().equals("/v1/agent") ? OK : cut);
                AgentHttpChannel channel = channel(agent, false, agentKey)) {
            assertEquals(200, channel.exchange("GET", "/v1/agent", null, null).status());
            agent.closeAfterEachAnswer();

            IOException error = assertThrows(
                    IOException.class,
                    () -> channel.exchange(
                            "POST", "/v1/instances/i-1/invocations", "application/json", new byte[] {'{', '}'}));

            assertTrue(error.getMessage().contains("mid-response"), error.getMessage());
            assertEquals(2, agent.requests().size(), "the agent had begun to answer: it ran the request");
            assertFalse(channel.isOpen());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "SSH-2.0-OpenSSH_9.2\r\n",
                "HTTP/1.1 OK\r\n\r\n",
                "HTTP/1.1 2OO OK\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 67108865\r\n\r\n", // MAX_BODY_BYTES + 1
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",
            })
    void aMalformedAnswerIsAnIoErrorAndTheConnectionIsNotReused(String answer) throws Exception {
        try (ScriptedAgent agent = agent(false, request -> answer.getBytes(ISO_8859_1));
                AgentHttpChannel channel = channel(agent, false, agentKey)) {
            assertThrows(IOException.class, () -> channel.exchange("GET", "/v1/agent", null, null));

            assertFalse(channel.isOpen(), "what is left of the answer must not be read as the next one's");
            assertEquals(1, agent.requests().size());
        }
    }

    @Test
    void anOversizedHeaderLineIsRefused() throws Exception {
        String huge = "HTTP/1.1 200 OK\r\nX-Padding: " + "a".repeat(10_000) + "\r\nContent-Length: 0\r\n\r\n";
        try (ScriptedAgent agent = agent(false, request -> huge.getBytes(ISO_8859_1));
                AgentHttpChannel channel = channel(agent, false, agentKey)) {
            IOException error = assertThrows(IOException.class, () -> channel.exchange("GET", "/v1/agent", null, null));

            assertTrue(error.getMessage().contains("too long"), error.getMessage());
            assertFalse(channel.isOpen());
        }
    }

    @Test
    void aBodyWithoutLengthIsReadToTheEndOfTheConnection() throws Exception {
        byte[] unframed = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[]".getBytes(ISO_8859_1);
        try (ScriptedAgent agent = agent(false, request -> unframed);
                AgentHttpChannel channel = channel(agent, false, agentKey)) {
            agent.closeAfterEachAnswer();

            assertEquals(
                    "[]", channel.exchange("GET", "/v1/instances", null, null).text());
            assertFalse(channel.isOpen(), "such an answer ends its connection");
        }
    }

    @Test
    void anAgentThatIsNotListeningIsAnIoError() throws Exception {
        // A socket bound but not listening holds the port, so that no other process takes it
        // meanwhile, and the kernel refuses connections to it.
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            URI closed = URI.create("http://127.0.0.1:" + holder.getLocalPort());
            try (AgentHttpChannel channel = new AgentHttpChannel(closed, Optional.empty(), SECRET, 2000, 2000)) {
                assertThrows(IOException.class, () -> channel.exchange("GET", "/v1/agent", null, null));
                assertFalse(channel.isOpen());
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
