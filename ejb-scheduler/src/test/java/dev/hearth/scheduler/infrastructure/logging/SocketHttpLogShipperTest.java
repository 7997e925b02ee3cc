package dev.hearth.scheduler.infrastructure.logging;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.LogDestination;
import dev.hearth.domain.network.Decision;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.domain.network.NetworkPolicy;
import dev.hearth.scheduler.application.ActivationAccess;
import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.AuxiliaryService.LogLineView;
import dev.hearth.scheduler.application.LogShipper.LogShippingException;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a listener on 127.0.0.1, which production never reaches: only the tests' own check points there. */
class SocketHttpLogShipperTest {

    private static final DestinationGuard PRODUCTION_RULES = new DestinationGuard(NetworkPolicy.NONE);
    private static final ActivationView ACTIVATION = new ActivationView(
            "act-1",
            "f",
            "dev",
            "dev",
            "i-1",
            "local",
            "warm",
            "success",
            OffsetDateTime.parse("2026-12-01T10:00:00Z"),
            0,
            5,
            5,
            "tail",
            null,
            false,
            null);
    private static final List<LogLineView> LINES = List.of(new LogLineView("2026-12-01T10:00:00Z", "INFO", "hi", null));

    /** Short, so that the tests of a stalling endpoint end soon. */
    private static final long DEADLINE_MILLIS = 500;

    private Listener listener;
    private ScheduledExecutorService deadlines;

    @BeforeEach
    void listen() throws IOException {
        listener = new Listener();
        deadlines = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
        deadlines.shutdownNow();
    }

    /** The test's endpoint name {@code logs.test} is allowed and resolved to the listener; anything else by the production rules. */
    private SocketHttpLogShipper shipper() {
        return shipperTo(listener.port());
    }

    private SocketHttpLogShipper shipperTo(int port) {
        return new SocketHttpLogShipper(
                (host, p) -> host.equals("logs.test")
                        ? new Decision.Allowed(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                        : PRODUCTION_RULES.check(host, p, name -> new InetAddress[] {InetAddress.getLoopbackAddress()}),
                deadlines,
                DEADLINE_MILLIS);
    }

    @Test
    void anEndpointThatNeverReadsIsLeftAtTheDeliverysDeadline() throws Exception {
        try (ServerSocket deaf = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread accepting = new Thread(() -> {
                try (Socket held = deaf.accept()) {
                    Thread.sleep(60_000); // holds the connection open and reads nothing
                } catch (IOException | InterruptedException e) {
                    // the test has ended
                }
            });
            accepting.setDaemon(true);
            accepting.start();
            // More than the sockets' buffers hold, so the write blocks.
            List<LogLineView> many = Collections.nCopies(
                    1_000, new LogLineView("2026-12-01T10:00:00Z", "INFO", "x".repeat(16 << 10), null));

            LogShippingException failed = assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> assertThrows(LogShippingException.class, () -> shipperTo(deaf.getLocalPort())
                            .ship(endpoint("http://logs.test/"), ACTIVATION, many)));

            assertEquals("the endpoint did not take the delivery within 500 ms", failed.getMessage());
            accepting.interrupt();
        }
    }

    @Test
    void anEndpointThatDripsItsAnswerIsLeftAtTheDeliverysDeadline() throws Exception {
        try (ServerSocket dripping = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket client = dripping.accept()) {
                    Listener.readRequest(client.getInputStream());
                    while (true) { // a byte of a status line that never ends, well within the read timeout
                        client.getOutputStream().write('H');
                        client.getOutputStream().flush();
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException e) {
                    // the shipper closed the connection, or the test has ended
                }
            });
            answering.setDaemon(true);
            answering.start();

            LogShippingException failed = assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> assertThrows(LogShippingException.class, () -> shipperTo(dripping.getLocalPort())
                            .ship(endpoint("http://logs.test/"), ACTIVATION, LINES)));

            assertEquals("the endpoint did not take the delivery within 500 ms", failed.getMessage());
            answering.interrupt();
        }
    }

    private LogDestination endpoint(String url) {
        return new LogDestination(java.net.URI.create(url), "Bearer log-token");
    }

    @Test
    void theLogsArePostedAsJsonWithTheEndpointsAuthorization() throws Exception {
        listener.answer("HTTP/1.1 204 No Content\r\n\r\n");

        shipper().ship(endpoint("http://logs.test:" + listener.port() + "/ingest?k=1"), ACTIVATION, LINES);

        String request = listener.requests().get(0);
        assertTrue(request.startsWith("POST /ingest?k=1 HTTP/1.1\r\n"), request);
        assertTrue(request.contains("\r\nHost: logs.test:" + listener.port() + "\r\n"), request);
        assertTrue(request.contains("\r\nAuthorization: Bearer log-token\r\n"), request);
        assertTrue(request.contains("\"activation\":{\"id\":\"act-1\""), request);
        assertTrue(request.contains("\"lines\":[{\"recordedAt\":\"2026-12-01T10:00:00Z\""), request);
    }

    @Test
    void whatTheViewLeavesOutIsNotShipped() {
        ActivationView answerOnly = new ActivationAccess.AnswerOnly().shown(ACTIVATION);

        JsonObject shipped = SocketHttpLogShipper.document(answerOnly, List.of());

        JsonObject activation = shipped.getJsonObject("activation");
        assertEquals(
                Set.of("id", "functionName", "caller", "status", "startKind", "durationMillis"), activation.keySet());
        assertEquals(0, shipped.getJsonArray("lines").size());
    }

    @Test
    void aRedirectIsAFailedDeliveryAndIsNotFollowed() throws Exception {
        try (Listener elsewhere = new Listener()) {
            listener.answer("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:" + elsewhere.port()
                    + "/\r\nContent-Length: 0\r\n\r\n");

            LogShippingException failed = assertThrows(
                    LogShippingException.class, () -> shipper().ship(endpoint("http://logs.test/"), ACTIVATION, LINES));

            assertEquals("the endpoint answered 307 (redirects are not followed)", failed.getMessage());
            assertEquals(1, listener.requests().size());
            assertEquals(List.of(), elsewhere.requests());
        }
    }

    @Test
    void anErrorAnswerIsAFailedDelivery() {
        listener.answer("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
        assertEquals(
                "the endpoint answered 500",
                assertThrows(LogShippingException.class, () -> shipper()
                                .ship(endpoint("http://logs.test/"), ACTIVATION, LINES))
                        .getMessage());
    }

    @Test
    void loopbackInAnyNotationOrBehindANameIsNeverConnectedTo() throws Exception {
        listener.answer("HTTP/1.1 204 No Content\r\n\r\n");
        int port = listener.port();
        for (String url : List.of(
                "http://127.0.0.1:" + port + "/",
                "http://2130706433:" + port + "/",
                "http://[::ffff:127.0.0.1]:" + port + "/",
                "http://name-of-loopback.example:" + port + "/")) {
            LogShippingException refused = assertThrows(
                    LogShippingException.class, () -> shipper().ship(endpoint(url), ACTIVATION, LINES), url);
            assertTrue(refused.getMessage().startsWith("the endpoint is refused: "), refused.getMessage());
        }
        // Connections are accepted in order: had any refused one been made, it would come first.
        shipper().ship(endpoint("http://logs.test/"), ACTIVATION, LINES);
        assertEquals(1, listener.connections());
    }

    /** Accepts connections on 127.0.0.1, records each request's bytes and answers with the given text. */
    private static final class Listener implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private volatile String answer = "HTTP/1.1 204 No Content\r\n\r\n";
        private volatile int connections;

        Listener() throws IOException {
            Thread thread = new Thread(this::serve, "log-endpoint");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void answer(String text) {
            answer = text;
        }

        int connections() {
            return connections;
        }

        List<String> requests() {
            return requests;
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    connections++;
                    requests.add(readRequest(client.getInputStream()));
                    client.getOutputStream().write(answer.getBytes(ISO_8859_1));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int contentLength = -1;
            while (true) {
                int b = in.read();
                if (b == -1) {
                    return bytes.toString(ISO_8859_1);
                }
                bytes.write(b);
                String text = bytes.toString(ISO_8859_1);
                if (contentLength < 0 && text.endsWith("\r\n\r\n")) {
                    String length = text.lines()
                            .filter(l -> l.startsWith("Content-Length: "))
                            .findFirst()
                            .orElse("Content-Length: 0");
                    contentLength = Integer.parseInt(length.substring("Content-Length: ".length()));
                    byte[] body = in.readNBytes(contentLength);
                    bytes.write(body);
                    return bytes.toString(ISO_8859_1);
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
