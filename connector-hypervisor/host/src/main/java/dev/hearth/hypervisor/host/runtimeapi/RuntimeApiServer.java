package dev.hearth.hypervisor.host.runtimeapi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.hypervisor.host.threads.BoundedThreads;
import dev.hearth.hypervisor.host.threads.ConnectionBudget;
import dev.hearth.hypervisor.host.threads.ThreadPlacement;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>The code on the other end may be hostile, and must not slow the agent or other tenants: a
 * container holds at most {@value #MAX_CONNECTIONS} connections (and so threads) at once, {@value
 * #OWN_CONNECTIONS} of its own and the rest from {@value #SHARED_CONNECTIONS} that the containers of
 * the agent share, further ones wait unaccepted in the kernel's backlog; a request must arrive whole within {@link
 * #REQUEST_READ_MILLIS} of its first byte; a body is read only where the container's state can use
 * it and its length is checked first, and the bodies being read at once are bounded too. A
 * refused or malformed request gets a 4xx (or 503) answer and its connection is closed, with
 * nothing logged.
 */
public final class RuntimeApiServer implements AutoCloseable {

    /** Lambda's own limit on a response payload. */
    static final int MAX_BODY_BYTES = 6 << 20;

    /** Connections (each with its thread) that one container may hold open at once. */
    static final int MAX_CONNECTIONS = 16;

    /** Connections a container always has, whatever other containers hold: a runtime needs one or two. */
    static final int OWN_CONNECTIONS = 4;

    /** Connections beyond their own that the containers of the agent hold together at most. */
    static final int SHARED_CONNECTIONS = 128;

    /** The connections of every Runtime API server of the agent. */
    private static final ConnectionBudget AGENT_CONNECTIONS = new ConnectionBudget(SHARED_CONNECTIONS);

    /** How long a request may take to arrive, head and body, from its first byte. */
    static final long REQUEST_READ_MILLIS = 10_000;

    /** Body bytes held for one container's requests at once: a response and a portion call in full. */
    static final int MAX_BODY_BYTES_IN_FLIGHT = 2 * MAX_BODY_BYTES;

    private static final System.Logger LOG = System.getLogger(RuntimeApiServer.class.getName());

    /**
     * One thread for the whole agent that closes connections whose request is late: each server
     * looks at its connections every tenth of its time limit, rather than a timer being set and
     * cancelled per request (which woke this thread twice per invocation).
     */
    private static final ScheduledExecutorService READ_DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "runtime-api-deadlines");
        t.setDaemon(true);
        return t;
    });

    private static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern REPLY = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");
    private static final String STEM = "/2018-06-01/hearth/stem";
    private static final Pattern PORTION_CALL = Pattern.compile("/2018-06-01/hearth/portions/([^/]+)/invoke");
    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

    private final Path socket;
    private final ServerSocketChannel server;
    private final BoundedThreads connections;
    private volatile PortionCalls portionCalls;
    private final AtomicReference<RuntimeSession> session = new AtomicReference<>();
    private final ConnectionBudget.Share connectionSlots;
    private final Semaphore bodyBytes = new Semaphore(MAX_BODY_BYTES_IN_FLIGHT);

    private final long requestReadMillis;

    /** The connections being served, each with when its current request began (0: none began). */
    private final Map<SocketChannel, AtomicLong> requestStarts = new ConcurrentHashMap<>();

    private volatile ScheduledFuture<?> sweeps;

    private RuntimeApiServer(
            Path socket,
            ServerSocketChannel server,
            BoundedThreads connections,
            ConnectionBudget.Share connectionSlots,
            PortionCalls portionCalls,
            long requestReadMillis) {
        this.socket = socket;
        this.connectionSlots = connectionSlots;
        this.requestReadMillis = requestReadMillis;
        this.server = server;
        this.connections = connections;
        this.portionCalls = portionCalls;
    }

    /**
     * Listens on {@code socket} (replacing a stale socket file) and starts accepting on threads
     * that {@code placement} places. {@code portionCalls} is null for a container that may not call
     * other portions.
     */
    public static RuntimeApiServer start(Path socket, String name, PortionCalls portionCalls, ThreadPlacement placement)
            throws IOException {
        return start(socket, name, portionCalls, placement, REQUEST_READ_MILLIS, AGENT_CONNECTIONS);
    }

    /** As above, with another time limit for a request to arrive and the connections shared with others (tests). */
    static RuntimeApiServer start(
            Path socket,
            String name,
            PortionCalls portionCalls,
            ThreadPlacement placement,
            long requestReadMillis,
            ConnectionBudget budget)
            throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        // The accept loop and one thread per connection, never more (connectionSlots bounds them).
        BoundedThreads connections = new BoundedThreads("runtime-api-" + name, MAX_CONNECTIONS + 1, placement);
        RuntimeApiServer api = new RuntimeApiServer(
                socket,
                server,
                connections,
                budget.share(OWN_CONNECTIONS, MAX_CONNECTIONS),
                portionCalls,
                requestReadMillis);
        long period = Math.max(1, requestReadMillis / 10);
        api.sweeps = READ_DEADLINES.scheduleAtFixedRate(api::closeLateRequests, period, period, TimeUnit.MILLISECONDS);
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
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                // Over the bounds, this connection waits, and further ones unaccepted in the
                // kernel's (bounded) backlog: a storm of connects costs the agent nothing. It is
                // taken once accepted, so that the pool's connections go to connections waiting.
                connectionSlots.take();
            } catch (InterruptedException e) {
                closeQuietly(channel);
                return; // shut down
            }
            if (!connections.execute(() -> {
                try {
                    serve(channel);
                } finally {
                    connectionSlots.release();
                }
            })) {
                connectionSlots.release();
                closeQuietly(channel);
                return;
            }
        }
    }

    private void serve(SocketChannel channel) {
        AtomicLong requestStart = new AtomicLong();
        requestStarts.put(channel, requestStart);
        try (channel) {
            BufferedInputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
            while (awaitRequest(in)) {
                // From the request's first byte on, it must arrive whole in time (no slow heads).
                requestStart.set(System.nanoTime() | 1);
                Request request;
                try {
                    request = Request.read(in, bodyBytes, this::admitBody);
                } catch (BadRequest bad) {
                    write(out, bad.status, Map.of(), ErrorDocument.of(bad.getMessage(), bad.type));
                    out.flush();
                    return; // where the next request would begin is unknown
                } finally {
                    requestStart.set(0);
                }
                try {
                    boolean keepAlive = handle(request, out);
                    out.flush();
                    if (!keepAlive || request.closes()) {
                        return;
                    }
                } finally {
                    bodyBytes.release(request.heldBodyBytes());
                }
            }
        } catch (IOException | InterruptedException e) {
            // The runtime went away (or was too slow); its container's fate is decided elsewhere.
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "runtime API connection failed: " + e);
        } finally {
            requestStarts.remove(channel);
        }
    }

    /**
     * Closes the connections whose request began a time limit ago, less the sweeps' period: a
     * request is cut off within its time limit, never later.
     */
    private void closeLateRequests() {
        long now = System.nanoTime();
        long limit = TimeUnit.MILLISECONDS.toNanos(requestReadMillis - Math.max(1, requestReadMillis / 10));
        requestStarts.forEach((channel, requestStart) -> {
            long started = requestStart.get();
            if (started != 0 && now - started >= limit) {
                closeQuietly(channel);
            }
        });
    }

    /**
     * Lets a request's body be read only where this container's state can use it: a reply to an
     * invocation that waits for one, an init error before the runtime is ready, a portion call
     * from the entry portion. Anything else is refused from its head, its body never read.
     */
    private void admitBody(String method, String path) throws BadRequest {
        RuntimeSession current = session.get();
        if (current == null) {
            throw new BadRequest(503, "NoSession", "no container is attached");
        }
        Matcher reply = REPLY.matcher(path);
        if (method.equals("POST") && reply.matches()) {
            if (!current.awaits(reply.group(1))) {
                throw new BadRequest(400, "InvalidRequestID", "no invocation waits for this request id");
            }
        } else if (method.equals("POST") && path.equals(PREFIX + "/init/error")) {
            if (current.ready().isDone()) {
                throw new BadRequest(403, "InvalidStateTransition", "the runtime's init is over");
            }
        } else if (method.equals("POST") && PORTION_CALL.matcher(path).matches()) {
            if (portionCalls == null) {
                throw new BadRequest(403, "Forbidden", "only the entry portion calls other portions");
            }
        } else {
            throw BadRequest.malformed("no request body is expected here");
        }
    }

    /** Waits, without a time limit, for the first byte of the next request; false at the end. */
    private static boolean awaitRequest(BufferedInputStream in) throws IOException {
        in.mark(1);
        if (in.read() < 0) {
            return false;
        }
        in.reset();
        return true;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Answers one request; false when the connection must close. */
    private boolean handle(Request request, OutputStream out) throws IOException, InterruptedException {
        RuntimeSession current = session.get();
        if (current == null) {
            write(out, 503, Map.of(), ErrorDocument.of("no container is attached", "NoSession"));
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
                            403, ErrorDocument.of("only the entry portion calls other portions", "Forbidden"), null)
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
                write(
                        out,
                        400,
                        Map.of(),
                        ErrorDocument.of("no invocation waits for this request id", "InvalidRequestID"));
            }
            return true;
        }
        write(out, 404, Map.of(), ErrorDocument.of("no such Runtime API resource", "NotFound"));
        return true;
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
        sweeps.cancel(false);
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // Best effort: the instance directory is removed next.
        }
        connections.close();
    }
}
