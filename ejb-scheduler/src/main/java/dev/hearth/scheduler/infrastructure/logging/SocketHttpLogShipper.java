package dev.hearth.scheduler.infrastructure.logging;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.domain.function.LogDestination;
import dev.hearth.domain.network.Decision;
import dev.hearth.domain.network.IpLiteral;
import dev.hearth.domain.network.Resolver;
import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.AuxiliaryService.LogLineView;
import dev.hearth.scheduler.application.DestinationGuards;
import dev.hearth.scheduler.application.LogShipper;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Posts {@code {"activation": {...}, "lines": [...]}} to the endpoint with one HTTP/1.1 request of
 * its own, with the endpoint's {@code Authorization} header when one was given; a 2xx answer
 * counts as delivered, anything else (a redirect too: none is followed) as failed. The destination
 * guard decides at connect time, by what the endpoint's name resolves to now, and the request goes
 * to exactly the address it checked (an HTTP client library would resolve the name again); for
 * {@code https} that socket is wrapped in TLS with SNI and the certificate checked against the
 * endpoint's name. The delivery (connect, handshake, request, answer; after the name's
 * resolution, which the system resolver bounds) has one deadline, after which its socket is
 * closed: a timeout on reads alone let an endpoint that trickles its handshake or never reads hold
 * the shipping thread for as long as it liked (docs/adr/0059). Sockets still open when the
 * application stops are closed then, since the deadlines' executor no longer runs its tasks.
 */
@ApplicationScoped
public class SocketHttpLogShipper implements LogShipper {

    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    static final int READ_TIMEOUT_MILLIS = 5_000;
    /** The most one delivery may take, however the endpoint drips, stalls or never reads. */
    static final long DELIVERY_DEADLINE_MILLIS = 10_000;

    private static final int MAX_STATUS_LINE_BYTES = 8 << 10;

    /** Where a log endpoint's {@code host:port} may be reached: the guard's connect-time check. */
    @FunctionalInterface
    interface Destinations {
        Decision check(String host, int port);
    }

    private Destinations destinations;

    /** Closes a delivery's socket at its deadline. */
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService deadlines;

    private long deadlineMillis = DELIVERY_DEADLINE_MILLIS;

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /** For CDI's proxy. */
    protected SocketHttpLogShipper() {}

    @Inject
    SocketHttpLogShipper(DestinationGuards guards) {
        this.destinations = (host, port) -> guards.onThisHost().check(host, port, Resolver.SYSTEM);
    }

    SocketHttpLogShipper(Destinations destinations, ScheduledExecutorService deadlines, long deadlineMillis) {
        this.destinations = destinations;
        this.deadlines = deadlines;
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public void ship(LogDestination destination, ActivationView activation, List<LogLineView> lines) {
        URI endpoint = destination.endpoint();
        Decision decision = destinations.check(endpoint.getHost(), destination.port());
        if (decision instanceof Decision.Refused refused) {
            throw new LogShippingException("the endpoint is refused: " + refused.reason());
        }
        InetSocketAddress address = ((Decision.Allowed) decision).address();
        byte[] body = document(activation, lines).toString().getBytes(UTF_8);
        Socket plain = new Socket();
        AtomicBoolean expired = new AtomicBoolean();
        Future<?> deadline = deadlines.schedule(
                () -> {
                    expired.set(true);
                    closeQuietly(plain);
                },
                deadlineMillis,
                TimeUnit.MILLISECONDS);
        open.add(plain);
        try (Socket socket = connect(destination, address, plain)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(destination, body.length).getBytes(ISO_8859_1));
            out.write(body);
            out.flush();
            int status = status(socket.getInputStream());
            if (status < 200 || status > 299) {
                throw new LogShippingException("the endpoint answered " + status
                        + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""));
            }
        } catch (IOException e) {
            throw new LogShippingException(
                    expired.get()
                            ? "the endpoint did not take the delivery within " + deadlineMillis + " ms"
                            : "the endpoint could not be reached ("
                                    + e.getClass().getSimpleName() + ")");
        } finally {
            deadline.cancel(false);
            closeQuietly(plain);
            open.remove(plain);
        }
    }

    @PreDestroy
    void closeOpenSockets() {
        open.forEach(SocketHttpLogShipper::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // closed either way
        }
    }

    /**
     * {@code plain} connected to the checked address, in TLS for https with the endpoint's name for
     * SNI and the certificate.
     */
    private static Socket connect(LogDestination destination, InetSocketAddress address, Socket plain)
            throws IOException {
        try {
            plain.connect(address, CONNECT_TIMEOUT_MILLIS);
            plain.setSoTimeout(READ_TIMEOUT_MILLIS);
            if (!destination.secure()) {
                return plain;
            }
            String host = unbracketed(destination.endpoint().getHost());
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(plain, host, destination.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (IpLiteral.parse(host).isEmpty()) {
                String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
                parameters.setServerNames(List.of(new SNIHostName(name)));
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static String head(LogDestination destination, int contentLength) {
        URI endpoint = destination.endpoint();
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        String query = endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery();
        String host = endpoint.getPort() > 0 ? endpoint.getHost() + ":" + endpoint.getPort() : endpoint.getHost();
        StringBuilder head = new StringBuilder("POST ")
                .append(path)
                .append(query)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(contentLength)
                .append("\r\nUser-Agent: Hearth\r\nConnection: close\r\n");
        if (destination.authorization() != null) {
            head.append("Authorization: ").append(destination.authorization()).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** The status code of the answer's first line ({@code HTTP/1.1 204 No Content}). */
    private static int status(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_STATUS_LINE_BYTES) {
                throw new IOException("no status line");
            }
            line.write(b);
        }
        String[] parts = line.toString(ISO_8859_1).trim().split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
            throw new IOException("not an HTTP answer");
        }
        return Integer.parseInt(parts[1]);
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static JsonObject document(ActivationView activation, List<LogLineView> lines) {
        JsonArrayBuilder structured = Json.createArrayBuilder();
        lines.forEach(line -> structured.add(Json.createObjectBuilder()
                .add("recordedAt", line.recordedAt())
                .add("level", line.level())
                .add("message", line.message())
                .add("fields", line.fieldsJson() == null ? "" : line.fieldsJson())));
        JsonObjectBuilder shipped = Json.createObjectBuilder()
                .add("id", activation.id())
                .add("functionName", activation.functionName())
                .add("caller", activation.caller())
                .add("status", activation.status())
                .add("startKind", activation.startKind())
                .add("durationMillis", activation.durationMillis());
        // Left out of a view for a caller who may not read them (ActivationAccess.AnswerOnly).
        if (activation.startedAt() != null) {
            shipped.add("startedAt", activation.startedAt().toString());
        }
        if (activation.logTail() != null) {
            shipped.add("logTail", activation.logTail());
        }
        return Json.createObjectBuilder()
                .add("activation", shipped)
                .add("lines", structured)
                .build();
    }
}
