package dev.hearth.hypervisor.host.egress;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.hearth.domain.function.EgressDestination;
import dev.hearth.domain.network.AddressRange;
import dev.hearth.domain.network.Decision;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.domain.network.NetworkPolicy;
import dev.hearth.domain.network.Resolver;
import dev.hearth.domain.rules.Limits;
import dev.hearth.hypervisor.host.threads.BoundedThreads;
import dev.hearth.hypervisor.host.threads.ConnectionBudget;
import dev.hearth.hypervisor.host.threads.ConnectionBudget.Refusal;
import dev.hearth.hypervisor.host.threads.ThreadPlacement;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The only way out of a trusted container: an HTTP proxy on a Unix socket (a relay inside the
 * container forwards its {@code 127.0.0.1:3128} to it) that tunnels {@code CONNECT host:port} and
 * forwards plain {@code http://} requests, to the {@code host:port} pairs of the current
 * invocation's allow-list only, and only when the {@link DestinationGuard} allows what the name
 * resolves to now (the admin's allowed private networks arrive with each invocation; the host's
 * own addresses are refused always). The connection goes to the address the guard checked, never
 * to the name again. Anything else is answered {@code 403} and counted as a denial, which the
 * instance reports as the invocation's {@code egress_denied}.
 *
 * <p>A hostile container cannot hold the agent's threads: at most {@value #MAX_CONNECTIONS}
 * connections at once (more are answered {@code 503}), the request head within {@value
 * #REQUEST_TIMEOUT_MILLIS} ms (or {@code 408}), a tunnel closed after {@value #IDLE_TIMEOUT_MILLIS} ms
 * without traffic;
 * so at most {@value #MAX_THREADS} threads: the accept loop, one per connection and a second per
 * open tunnel or forwarded request (it pumps the request upstream while the first copies the answer
 * back). Nor can a tenant with many containers: each has {@value #OWN_CONNECTIONS} connections of
 * its own, and the rest come from {@value #SHARED_CONNECTIONS} that all proxies of the agent share
 * (more are answered {@code 503} too).
 *
 * <p>The route is open only during an invocation ({@link #allow} opens it, {@link #closeRoute}
 * closes it): between invocations a connection is answered {@code 503}, and closing the route
 * closes the connections and tunnels still open, so what a function leaves running has no way
 * out until the next invocation.
 *
 * <p>Plain {@code http://aux.hearth.internal/...} requests go to the current invocation's auxiliary
 * services instead, whatever the allow-list says: the path is appended to the auxiliary base URL
 * and may not climb out of it. That route is not egress: what guards the services is the
 * invocation's credential, which only trusted containers hold. Each request there holds one of
 * Payara's HTTP threads, which every tenant shares, so the proxy spares them a slow client: it reads such a request's body whole (at most
 * {@value #MAX_AUXILIARY_BODY_BYTES} bytes, or {@code 413}) within the head's {@value
 * #REQUEST_TIMEOUT_MILLIS} ms (or {@code 408}) before it connects, sends head and body at once, and
 * carries at most {@value #MAX_AUXILIARY_REQUESTS} such requests per container at once (more are
 * answered {@code 503}).
 *
 * <p>A connection carries one plain request: the destination is asked to close after it, and the
 * client is told so ({@code Connection: close} in the answer's head), so that a keep-alive client
 * opens a new connection for its next request, which the proxy then checks as it did the first.
 */
public final class EgressProxy implements AutoCloseable {

    static final String DENIED_HEADER = "X-Hearth-Egress: denied";

    /** The name under which trusted containers reach the auxiliary services. */
    public static final String AUXILIARY_HOST = DestinationGuard.AUXILIARY_HOST;

    static final int MAX_CONNECTIONS = 32;
    static final int MAX_THREADS = 1 + 2 * MAX_CONNECTIONS;
    /** Connections a container always has, whatever other containers hold. */
    static final int OWN_CONNECTIONS = 4;
    /** Connections beyond their own that the containers of the agent hold together at most. */
    static final int SHARED_CONNECTIONS = 256;

    /** The connections of every proxy of the agent. */
    private static final ConnectionBudget AGENT_CONNECTIONS = new ConnectionBudget(SHARED_CONNECTIONS);
    /** A request's head, and on the auxiliary route its body too, must arrive within this. */
    static final int REQUEST_TIMEOUT_MILLIS = 10_000;

    static final int IDLE_TIMEOUT_MILLIS = 60_000;

    /**
     * The largest auxiliary request body the proxy holds: the key-value store, log and metrics
     * endpoints each read at most {@link Limits#MAX_KEY_VALUE_BYTES}, and a chunked body's sizes and
     * trailers need some room beside it. Payara would refuse a larger body anyway.
     */
    static final int MAX_AUXILIARY_BODY_BYTES = Limits.MAX_KEY_VALUE_BYTES + (8 << 10);

    /**
     * Auxiliary requests one container may have under way at once: each may hold one of Payara's
     * HTTP threads, which every tenant shares, until it is answered, however fast its client, and its body in the agent's
     * memory; a handful serves a function's logging and key-value calls.
     */
    static final int MAX_AUXILIARY_REQUESTS = 4;

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    /** Ends requests that are late and closes idle tunnels, for every proxy of the agent. */
    private static final ScheduledExecutorService DEADLINES = deadlines();

    private final Path socket;
    private final ServerSocketChannel server;
    private final BoundedThreads threads;
    private final Supplier<Set<InetAddress>> ownAddresses;
    private final int requestTimeoutMillis;
    private final AtomicLong denials = new AtomicLong();
    private final ConnectionBudget.Share connections;
    private final AtomicInteger auxiliaryRequests = new AtomicInteger();
    /** The connections and upstream sockets open now, closed with the route. */
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();

    private volatile Route route = new Route.Closed();

    /** Where the proxy lets a container go: nowhere between invocations. */
    private sealed interface Route {

        /** Between invocations. */
        record Closed() implements Route {}

        /**
         * During an invocation: its allow-list ({@code host:port}, normalised), the private
         * networks the admin allows, the auxiliary services' base URL (null: none).
         */
        record Open(Set<String> allowed, List<AddressRange> privateNetworks, URI auxiliary) implements Route {}
    }

    private EgressProxy(
            Path socket,
            ServerSocketChannel server,
            BoundedThreads threads,
            ConnectionBudget.Share connections,
            Supplier<Set<InetAddress>> ownAddresses,
            int requestTimeoutMillis) {
        this.socket = socket;
        this.server = server;
        this.threads = threads;
        this.connections = connections;
        this.ownAddresses = ownAddresses;
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    /**
     * Listens on {@code socket}, on threads that {@code placement} places; the route is closed until
     * {@link #allow}. {@code ownAddresses}: this host's interface addresses as they are now.
     */
    public static EgressProxy start(
            Path socket, String name, Supplier<Set<InetAddress>> ownAddresses, ThreadPlacement placement)
            throws IOException {
        return start(socket, name, ownAddresses, placement, REQUEST_TIMEOUT_MILLIS, AGENT_CONNECTIONS);
    }

    /**
     * As {@link #start(Path, String, Supplier, ThreadPlacement)}, with a request's time to arrive and
     * the connections this proxy shares with others.
     */
    static EgressProxy start(
            Path socket,
            String name,
            Supplier<Set<InetAddress>> ownAddresses,
            ThreadPlacement placement,
            int requestTimeoutMillis,
            ConnectionBudget budget)
            throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        BoundedThreads threads = new BoundedThreads("egress-" + name, MAX_THREADS, placement);
        EgressProxy proxy = new EgressProxy(
                socket,
                server,
                threads,
                budget.share(OWN_CONNECTIONS, MAX_CONNECTIONS),
                ownAddresses,
                requestTimeoutMillis);
        threads.execute(proxy::acceptLoop);
        return proxy;
    }

    /**
     * Opens the route for an invocation: its allow-list ({@code host:port} pairs, host names
     * compared case-insensitively), the private networks the admin allows, and the auxiliary
     * services' base URL ({@code null}: none).
     */
    public void allow(Collection<String> hostPorts, List<AddressRange> privateNetworks, URI auxiliaryBase) {
        route = new Route.Open(
                hostPorts.stream().map(EgressDestination::normalise).collect(Collectors.toUnmodifiableSet()),
                List.copyOf(privateNetworks),
                auxiliaryBase);
    }

    /** Closes the route until the next {@link #allow}: the connections and tunnels open now are closed. */
    public void closeRoute() {
        route = new Route.Closed();
        open.forEach(EgressProxy::closeQuietly);
    }

    private static ScheduledExecutorService deadlines() {
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "egress-deadlines");
            t.setDaemon(true);
            return t;
        });
        deadlines.setRemoveOnCancelPolicy(true); // a request read in time leaves nothing behind
        return deadlines;
    }

    /** The auxiliary services' base URL if {@code url} is an absolute {@code http://} URL, else null. */
    public static URI auxiliaryBase(String url) {
        try {
            URI uri = new URI(url);
            return "http".equals(uri.getScheme()) && uri.getHost() != null && uri.getRawQuery() == null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** How many requests this proxy refused since it started. */
    public long denials() {
        return denials.get();
    }

    public Path socket() {
        return socket;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Optional<Refusal> refusal = connections.tryTake();
                if (refusal.isPresent()) {
                    try (client) {
                        ProxyHead.answer(
                                outputOf(client),
                                "503 Service Unavailable",
                                switch (refusal.get()) {
                                    case CONTAINER_FULL -> "too many connections through the proxy";
                                    case HOST_FULL -> "too many connections through the proxies of this host";
                                });
                    } catch (IOException e) {
                        // The client went away; it was refused either way.
                    }
                    continue;
                }
                if (!threads.execute(() -> {
                    try {
                        serve(client);
                    } finally {
                        connections.release();
                    }
                })) {
                    connections.release();
                    closeQuietly(client);
                    return; // closed
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel channel) {
        open.add(channel); // before the route is read: closing the route then closes this one
        // Ends the client's input when the request is late: a read waiting for it returns, and the
        // client can still be told so.
        ScheduledFuture<?> deadline =
                DEADLINES.schedule(() -> endInput(channel), requestTimeoutMillis, TimeUnit.MILLISECONDS);
        try (channel) {
            InputStream in = new BufferedInputStream(inputOf(channel));
            OutputStream out = outputOf(channel);
            List<String> head = ProxyHead.read(in);
            if (!channel.isOpen()) {
                return;
            }
            if (passed(deadline)) {
                answerLate(out);
                return;
            }
            if (!(route instanceof Route.Open current)) {
                ProxyHead.answer(out, "503 Service Unavailable", "no route out between invocations");
                return;
            }
            String[] requestLine = ProxyHead.requestLine(head);
            if (requestLine == null) {
                ProxyHead.answer(
                        out,
                        "400 Bad Request",
                        "not an HTTP/1.1 proxy request: method, target and version with single spaces,"
                                + " then name: value lines, unfolded, without control characters");
                return;
            }
            boolean tunnel = requestLine[0].equals("CONNECT");
            Target target = tunnel ? Target.ofAuthority(requestLine[1]) : Target.ofUri(requestLine[1]);
            if (target == null) {
                ProxyHead.answer(
                        out, "400 Bad Request", "the proxy needs CONNECT host:port or an absolute http:// URI");
                return;
            }
            RequestBody body = tunnel ? new RequestBody.Tunnel() : RequestBody.ofPlain(head);
            if (body == null) {
                ProxyHead.answer(
                        out,
                        "400 Bad Request",
                        "frame the body with one Content-Length or Transfer-Encoding: chunked alone");
                return;
            }
            if (target.host().equalsIgnoreCase(AUXILIARY_HOST)) {
                URI base = current.auxiliary();
                Target auxiliaryTarget = tunnel || base == null ? null : target.under(base);
                if (auxiliaryTarget == null) {
                    ProxyHead.answer(
                            out,
                            "404 Not Found",
                            base == null
                                    ? "no auxiliary services for this invocation"
                                    : "reach the auxiliary services with plain http:// and a path below the root");
                    return;
                }
                serveAuxiliary(in, out, requestLine, head, body, auxiliaryTarget, current, channel, deadline);
                return;
            }
            if (!deadline.cancel(false)) { // the head came as the deadline passed
                answerLate(out);
                return;
            }
            if (!current.allowed().contains(target.hostPort())) {
                denials.incrementAndGet();
                ProxyHead.answer(
                        out, "403 Forbidden", "egress to " + target.hostPort() + " is not allowed by the policy");
                return;
            }
            DestinationGuard guard = new DestinationGuard(new NetworkPolicy(
                    current.privateNetworks(), hearthHosts(ownAddresses.get(), current.auxiliary(), Resolver.SYSTEM)));
            Decision decision = guard.check(target.host(), target.port(), Resolver.SYSTEM);
            if (decision instanceof Decision.Refused refused) {
                denials.incrementAndGet();
                ProxyHead.answer(out, "403 Forbidden", "egress refused: " + refused.reason());
                return;
            }
            byte[] sent = tunnel
                    ? new byte[0]
                    : ProxyHead.forwarded(requestLine, target, head).getBytes(ISO_8859_1);
            forward(in, out, sent, body, target, ((Decision.Allowed) decision).address(), channel, current);
        } catch (IOException | RuntimeException e) {
            // The client or the destination went away, or sent nonsense: nothing to tell anyone,
            // and no stack trace per request in the agent's log.
        } finally {
            deadline.cancel(false);
            open.remove(channel);
        }
    }

    /**
     * A request to the auxiliary services: its body is read whole, within the request's deadline
     * and bound, before Payara is asked, so a slow client holds one of the agent's threads while
     * it sends and never one of Payara's; then head and body go at once.
     */
    private void serveAuxiliary(
            InputStream in,
            OutputStream out,
            String[] requestLine,
            List<String> head,
            RequestBody body,
            Target target,
            Route.Open current,
            SocketChannel client,
            ScheduledFuture<?> deadline)
            throws IOException {
        try {
            if (auxiliaryRequests.incrementAndGet() > MAX_AUXILIARY_REQUESTS) {
                ProxyHead.answer(
                        out,
                        "503 Service Unavailable",
                        "at most " + MAX_AUXILIARY_REQUESTS + " auxiliary requests at once per container");
                return;
            }
            // The proxy reads the body itself: a client that waits to be asked for it (curl's
            // Expect: 100-continue) is asked here, and Payara, which gets it at once, is not.
            boolean expectsContinue = head.stream().anyMatch(ProxyHead::expectsContinue);
            List<String> forwardedHead = expectsContinue
                    ? head.stream()
                            .filter(line -> !ProxyHead.name(line).equals("expect"))
                            .toList()
                    : head;
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            sent.write(ProxyHead.forwarded(requestLine, target, forwardedHead).getBytes(ISO_8859_1));
            try {
                if (expectsContinue) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(ISO_8859_1));
                    out.flush();
                }
                sent.write(body.readWhole(in, MAX_AUXILIARY_BODY_BYTES));
            } catch (RequestBody.TooLarge e) {
                ProxyHead.answer(
                        out,
                        "413 Content Too Large",
                        "an auxiliary request's body holds at most " + MAX_AUXILIARY_BODY_BYTES + " bytes");
                // The client may be sending still: closing on bytes unread would reset the connection
                // under the answer, so the answer ends and as much again is read and dropped (or
                // until the deadline ends the input).
                client.shutdownOutput();
                in.readNBytes(MAX_AUXILIARY_BODY_BYTES);
                return;
            } catch (IOException e) {
                if (passed(deadline)) {
                    answerLate(out);
                } else {
                    ProxyHead.answer(out, "400 Bad Request", "the body ended early or is not well chunked");
                }
                return;
            }
            if (!deadline.cancel(false)) { // the body came as the deadline passed
                answerLate(out);
                return;
            }
            // Hearth's own services at the URL the admin configured: not egress, not the guard's.
            InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
            forward(in, out, sent.toByteArray(), new RequestBody.Length(0), target, address, client, current);
        } finally {
            auxiliaryRequests.decrementAndGet();
        }
    }

    /**
     * Whether a request's deadline has come: by the clock, since the task that ends the input is
     * marked done only after it ended it, which a read woken by that end can see first.
     */
    private static boolean passed(ScheduledFuture<?> deadline) {
        return deadline.getDelay(TimeUnit.NANOSECONDS) <= 0;
    }

    private void answerLate(OutputStream out) throws IOException {
        ProxyHead.answer(
                out,
                "408 Request Timeout",
                "the request's head (and on the auxiliary route its body) did not arrive within "
                        + requestTimeoutMillis
                        + " ms");
    }

    /**
     * Sends {@code sent} (a plain request's head, and a held body) to {@code address} and then
     * what {@code body} still carries, or opens a tunnel; only while {@code checkedUnder}, the route
     * the request was checked under, is still the route and the client still there.
     */
    private void forward(
            InputStream in,
            OutputStream out,
            byte[] sent,
            RequestBody body,
            Target target,
            InetSocketAddress address,
            SocketChannel client,
            Route.Open checkedUnder)
            throws IOException {
        boolean tunnel = body instanceof RequestBody.Tunnel;
        Socket upstream = new Socket();
        open.add(upstream); // before the route is read again: closing the route then closes this one
        try (upstream) {
            if (route != checkedUnder || !client.isOpen()) { // closed, or the next invocation's, since the check
                return;
            }
            try {
                upstream.setTcpNoDelay(true);
                upstream.connect(address, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                ProxyHead.answer(out, "502 Bad Gateway", "cannot connect to " + target.hostPort());
                return;
            }
            OutputStream toUpstream = upstream.getOutputStream();
            if (tunnel) {
                out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(ISO_8859_1));
                out.flush();
            } else {
                toUpstream.write(sent);
            }
            Activity activity = new Activity(client, upstream);
            if (threads.execute(() -> pump(body, in, toUpstream, upstream, activity))) {
                InputStream answer = upstream.getInputStream();
                if (!tunnel) {
                    answer = new BufferedInputStream(answer);
                    if (!ProxyHead.passAnswerHead(answer, out)) {
                        ProxyHead.answer(out, "502 Bad Gateway", "no answer from " + target.hostPort());
                        return;
                    }
                }
                RequestBody.copyAll(answer, out, activity::touch);
            }
        } finally {
            open.remove(upstream);
        }
    }

    /**
     * When a tunnel last carried a byte either way; one without traffic for {@value
     * #IDLE_TIMEOUT_MILLIS} ms is closed, both ends.
     */
    private static final class Activity {

        private final SocketChannel client;
        private final Socket upstream;
        private volatile long lastNanos = System.nanoTime();

        Activity(SocketChannel client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
            watch(IDLE_TIMEOUT_MILLIS);
        }

        void touch() {
            lastNanos = System.nanoTime();
        }

        private void watch(long delayMillis) {
            DEADLINES.schedule(this::check, delayMillis, TimeUnit.MILLISECONDS);
        }

        private void check() {
            if (!client.isOpen() || upstream.isClosed()) {
                return;
            }
            long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastNanos);
            if (idleMillis >= IDLE_TIMEOUT_MILLIS) {
                closeQuietly(client);
                closeQuietly(upstream);
            } else {
                watch(IDLE_TIMEOUT_MILLIS - idleMillis);
            }
        }
    }

    /**
     * The addresses egress never reaches: this host's, and those of the host that serves the
     * auxiliary services (Payara, whose admin port and API an allowed private network could
     * otherwise hold); a name that does not resolve adds none.
     */
    static Set<InetAddress> hearthHosts(Set<InetAddress> own, URI auxiliary, Resolver resolver) {
        Set<InetAddress> hosts = new HashSet<>(own);
        if (auxiliary != null) {
            try {
                hosts.addAll(List.of(resolver.resolve(auxiliary.getHost())));
            } catch (UnknownHostException e) {
                // Nothing to add: a destination is checked against what it resolves to itself.
            }
        }
        return hosts;
    }

    private static void endInput(SocketChannel channel) {
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            // Closed already: nothing left to end.
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing to end it; nothing more to do.
        }
    }

    /*
     * The request is pumped upstream while the answer is written back, on two threads. The streams
     * of java.nio.channels.Channels hold the channel's blocking lock for a whole read, so a write
     * would wait until the client sends more (it never does): these call the channel directly.
     */
    private static InputStream inputOf(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                return length == 0 ? 0 : channel.read(ByteBuffer.wrap(bytes, offset, length));
            }
        };
    }

    private static OutputStream outputOf(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    /**
     * What the client sends after its head, as far as {@code body} reaches. A tunnel's end is
     * passed on; after a plain request's body the upstream side stays open for writing, as a client
     * waiting for its answer leaves it (some servers take an end there for an abort).
     */
    private static void pump(RequestBody body, InputStream from, OutputStream to, Socket upstream, Activity activity) {
        try {
            body.copy(from, to, activity::touch);
            if (body instanceof RequestBody.Tunnel) {
                upstream.shutdownOutput();
            }
        } catch (IOException e) {
            // One side closed, or the client framed its body wrongly: the destination gets no more.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // Best effort: the container's folder is removed next.
        }
        threads.close();
    }
}
