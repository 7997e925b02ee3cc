package dev.hearth.hypervisor.host.runtimeapi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the Lambda Runtime API of one container on a Unix socket (a relay inside the container
 * forwards its {@code 127.0.0.1:9001} to it). A minimal HTTP/1.1 server: keep-alive,
 * Content-Length or chunked request bodies, one thread per connection, since {@code /next} blocks
 * until there is work. Requests go to the session {@link #attach attached} at the time. The
 * entry portion's server also answers {@code POST /2018-06-01/hearth/portions/{name}/invoke}
 * through its {@link PortionCalls}; the others refuse it. A stem cell's runtime asks what to run
 * with {@code GET /2018-06-01/hearth/stem} ({@link RuntimeSession#stage}).
 */
public final class RuntimeApiServer implements AutoCloseable {

    /** Lambda's own limit on a response payload. */
    static final int MAX_BODY_BYTES = 6 << 20;

    private static final int MAX_HEADER_BYTES = 64 << 10;
    private static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern REPLY = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");
    private static final String STEM = "/2018-06-01/hearth/stem";
    private static final Pattern PORTION_CALL = Pattern.compile("/2018-06-01/hearth/portions/([^/]+)/invoke");
    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

    private final Path socket;
    private final ServerSocketChannel server;
    private final ExecutorService connections;
    private volatile PortionCalls portionCalls;
    private final AtomicReference<RuntimeSession> session = new AtomicReference<>();

    private RuntimeApiServer(
            Path socket, ServerSocketChannel server, ExecutorService connections, PortionCalls portionCalls) {
        this.socket = socket;
        this.server = server;
        this.connections = connections;
        this.portionCalls = portionCalls;
    }

    /**
     * Listens on {@code socket} (replacing a stale socket file) and starts accepting. {@code
     * portionCalls} is null for a container that may not call other portions.
     */
    public static RuntimeApiServer start(Path socket, String name, PortionCalls portionCalls) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        ExecutorService connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api-" + name);
            t.setDaemon(true);
            return t;
        });
        RuntimeApiServer api = new RuntimeApiServer(socket, server, connections, portionCalls);
        connections.execute(api::acceptLoop);
        return api;
    }

    /** Lets this container call other portions from now on: a stem cell learns it is the entry when staged. */
    public void servePortionCalls(PortionCalls calls) {
        portionCalls = calls;
    }

    /** Routes requests from now on to {@code next}; the previous session, if any, is closed. */
    public void attach(RuntimeSession next) {
        RuntimeSession previous = session.getAndSet(next);
        if (previous != null) {
            previous.close();
        }
    }

    public Path socket() {
        return socket;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                connections.execute(() -> serve(channel));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
            Request request;
            while ((request = Request.read(in)) != null) {
                boolean keepAlive = handle(request, out);
                out.flush();
                if (!keepAlive || request.closes()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The runtime went away (or sent garbage); its container's fate is decided elsewhere.
        }
    }

    /** Answers one request; false when the connection must close. */
    private boolean handle(Request request, OutputStream out) throws IOException, InterruptedException {
        RuntimeSession current = session.get();
        if (request.tooLarge()) {
            write(out, 413, Map.of(), error("payload larger than 6 MiB", "RequestTooLarge"));
            return false;
        }
        if (current == null) {
            write(out, 503, Map.of(), error("no container is attached", "NoSession"));
            return false;
        }
        if (request.is("GET", PREFIX + "/invocation/next")) {
            PendingEvent event = current.next();
            if (event == null) {
                return false;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Lambda-Runtime-Aws-Request-Id", event.requestId());
            headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(event.deadlineEpochMillis()));
            headers.put("Lambda-Runtime-Invoked-Function-Arn", event.functionArn());
            headers.put("Lambda-Runtime-Trace-Id", event.traceId());
            write(out, 200, headers, event.event());
            return true;
        }
        if (request.is("GET", STEM)) {
            String staged = current.awaitStaging();
            if (staged == null) {
                return false;
            }
            write(out, 200, Map.of(), staged);
            return true;
        }
        if (request.is("POST", PREFIX + "/init/error")) {
            current.failInit(request.body());
            write(out, 202, Map.of(), "{\"status\":\"OK\"}");
            return true;
        }
        Matcher portion = PORTION_CALL.matcher(request.path());
        if (request.method().equals("POST") && portion.matches()) {
            PortionCalls calls = portionCalls;
            PortionCalls.PortionAnswer answer = calls == null
                    ? new PortionCalls.PortionAnswer(
                            403, error("only the entry portion calls other portions", "Forbidden"), null)
                    : calls.call(portion.group(1), request.body());
            write(
                    out,
                    answer.status(),
                    answer.errorType() == null ? Map.of() : Map.of(ERROR_TYPE_HEADER, answer.errorType()),
                    answer.body());
            return true;
        }
        Matcher reply = REPLY.matcher(request.path());
        if (request.method().equals("POST") && reply.matches()) {
            boolean error = reply.group(2).equals("error");
            String errorType = request.headers().get(ERROR_TYPE_HEADER.toLowerCase(Locale.ROOT));
            if (current.reply(reply.group(1), new RuntimeReply(error, request.body(), errorType))) {
                write(out, 202, Map.of(), "{\"status\":\"OK\"}");
            } else {
                write(out, 400, Map.of(), error("no invocation waits for this request id", "InvalidRequestID"));
            }
            return true;
        }
        write(out, 404, Map.of(), error("no such Runtime API resource", "NotFound"));
        return true;
    }

    /** A Lambda-style error document. */
    public static String error(String message, String type) {
        return "{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type + "\"}";
    }

    private static void write(OutputStream out, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(status == 200 ? " OK" : status == 202 ? " Accepted" : " Error")
                .append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(bytes.length)
                .append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(ISO_8859_1));
        out.write(bytes);
    }

    @Override
    public void close() {
        RuntimeSession current = session.getAndSet(null);
        if (current != null) {
            current.close();
        }
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // Best effort: the instance directory is removed next.
        }
        connections.shutdownNow();
    }

    /** One parsed HTTP/1.1 request. {@code headers} keys are lower case. */
    record Request(String method, String path, Map<String, String> headers, String body, boolean tooLarge) {

        boolean is(String expectedMethod, String expectedPath) {
            return method.equals(expectedMethod) && path.equals(expectedPath);
        }

        boolean closes() {
            return "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
        }

        /** Reads the next request; null at the end of the stream. */
        static Request read(InputStream in) throws IOException {
            String requestLine = line(in);
            while (requestLine != null && requestLine.isEmpty()) {
                requestLine = line(in); // tolerate stray CRLF between requests
            }
            if (requestLine == null) {
                return null;
            }
            String[] parts = requestLine.split(" ");
            if (parts.length != 3) {
                throw new IOException("bad request line");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            int headerBytes = 0;
            String line;
            while ((line = line(in)) != null && !line.isEmpty()) {
                headerBytes += line.length();
                int colon = line.indexOf(':');
                if (colon <= 0 || headerBytes > MAX_HEADER_BYTES) {
                    throw new IOException("bad header");
                }
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            String path = parts[1].contains("?") ? parts[1].substring(0, parts[1].indexOf('?')) : parts[1];
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            boolean tooLarge;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                tooLarge = readChunked(in, body);
            } else {
                long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
                tooLarge = length > MAX_BODY_BYTES;
                if (tooLarge) {
                    in.skipNBytes(length);
                } else {
                    body.write(in.readNBytes((int) length));
                }
            }
            return new Request(parts[0], path, headers, body.toString(UTF_8), tooLarge);
        }

        private static boolean readChunked(InputStream in, ByteArrayOutputStream body) throws IOException {
            boolean tooLarge = false;
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("truncated chunked body");
                }
                int semicolon = size.indexOf(';');
                long n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                if (n == 0) {
                    String trailer;
                    do {
                        trailer = line(in); // trailers, up to the blank line
                    } while (trailer != null && !trailer.isEmpty());
                    return tooLarge;
                }
                tooLarge |= body.size() + n > MAX_BODY_BYTES;
                if (tooLarge) {
                    in.skipNBytes(n);
                } else {
                    body.write(in.readNBytes((int) n));
                }
                line(in); // the CRLF after the chunk
            }
        }

        /** One CRLF- (or LF-) terminated line; null at the end of the stream. */
        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    int end = bytes.size();
                    byte[] raw = bytes.toByteArray();
                    return new String(raw, 0, end > 0 && raw[end - 1] == '\r' ? end - 1 : end, ISO_8859_1);
                }
                if (bytes.size() > MAX_HEADER_BYTES) {
                    throw new IOException("line too long");
                }
                bytes.write(b);
            }
            return bytes.size() == 0 ? null : bytes.toString(ISO_8859_1);
        }
    }
}
