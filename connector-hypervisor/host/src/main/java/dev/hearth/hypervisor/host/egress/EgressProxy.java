package dev.hearth.hypervisor.host.egress;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The only way out of a trusted container: an HTTP proxy on a Unix socket (a relay inside the
 * container forwards its {@code 127.0.0.1:3128} to it) that tunnels {@code CONNECT host:port} and
 * forwards plain {@code http://} requests, to the {@code host:port} pairs of the current
 * invocation's allow-list only. Anything else is answered {@code 403} and counted as a denial,
 * which the instance reports as the invocation's {@code egress_denied}.
 *
 * <p>Plain {@code http://aux.hearth.internal/...} requests go to the current invocation's auxiliary
 * services instead, whatever the allow-list says: the path is appended to the auxiliary base URL
 * and may not climb out of it. That route is not egress: what guards the services is the
 * invocation's credential, which only trusted containers hold.
 */
public final class EgressProxy implements AutoCloseable {

    static final String DENIED_HEADER = "X-Hearth-Egress: denied";

    /** The name under which trusted containers reach the auxiliary services. */
    public static final String AUXILIARY_HOST = "aux.hearth.internal";

    private static final int MAX_HEAD_BYTES = 64 << 10;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "upgrade");

    private final Path socket;
    private final ServerSocketChannel server;
    private final ExecutorService threads;
    private final AtomicLong denials = new AtomicLong();
    private volatile Set<String> allowed = Set.of();
    private volatile URI auxiliary;

    private EgressProxy(Path socket, ServerSocketChannel server, ExecutorService threads) {
        this.socket = socket;
        this.server = server;
        this.threads = threads;
    }

    /** Listens on {@code socket}; nothing is allowed until {@link #allow}. */
    public static EgressProxy start(Path socket, String name) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "egress-" + name);
            t.setDaemon(true);
            return t;
        });
        EgressProxy proxy = new EgressProxy(socket, server, threads);
        threads.execute(proxy::acceptLoop);
        return proxy;
    }

    /**
     * Replaces the allow-list ({@code host:port} pairs, host names compared case-insensitively) and
     * the auxiliary services' base URL ({@code null}: none).
     */
    public void allow(Collection<String> hostPorts, URI auxiliaryBase) {
        allowed = hostPorts.stream().map(EgressProxy::normalise).collect(Collectors.toUnmodifiableSet());
        auxiliary = auxiliaryBase;
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

    static String normalise(String hostPort) {
        return hostPort.trim().toLowerCase(Locale.ROOT);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            InputStream in = new BufferedInputStream(inputOf(channel));
            OutputStream out = outputOf(channel);
            List<String> head = readHead(in);
            String[] requestLine = head.isEmpty() ? new String[0] : head.get(0).split(" ");
            if (requestLine.length != 3) {
                answer(out, "400 Bad Request", "not an HTTP proxy request");
                return;
            }
            boolean tunnel = requestLine[0].equals("CONNECT");
            Target target = tunnel ? Target.ofAuthority(requestLine[1]) : Target.ofUri(requestLine[1]);
            if (target == null) {
                answer(out, "400 Bad Request", "the proxy needs CONNECT host:port or an absolute http:// URI");
                return;
            }
            if (target.host().equalsIgnoreCase(AUXILIARY_HOST)) {
                URI base = auxiliary;
                Target auxiliaryTarget = tunnel || base == null ? null : target.under(base);
                if (auxiliaryTarget == null) {
                    answer(
                            out,
                            "404 Not Found",
                            base == null
                                    ? "no auxiliary services for this invocation"
                                    : "reach the auxiliary services with plain http:// and a path below the root");
                    return;
                }
                forward(in, out, requestLine, head, auxiliaryTarget, false);
                return;
            }
            if (!allowed.contains(target.hostPort())) {
                denials.incrementAndGet();
                answer(out, "403 Forbidden", "egress to " + target.hostPort() + " is not allowed by the policy");
                return;
            }
            forward(in, out, requestLine, head, target, tunnel);
        } catch (IOException e) {
            // The client or the destination went away; nothing to tell anyone.
        }
    }

    private void forward(
            InputStream in, OutputStream out, String[] requestLine, List<String> head, Target target, boolean tunnel)
            throws IOException {
        try (Socket upstream = new Socket()) {
            try {
                upstream.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress(target.host(), target.port()), CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                answer(out, "502 Bad Gateway", "cannot connect to " + target.hostPort());
                return;
            }
            OutputStream toUpstream = upstream.getOutputStream();
            if (tunnel) {
                out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(ISO_8859_1));
                out.flush();
            } else {
                toUpstream.write(forwardedHead(requestLine, target, head).getBytes(ISO_8859_1));
            }
            threads.execute(() -> pump(in, toUpstream, upstream));
            upstream.getInputStream().transferTo(out);
        }
    }

    /**
     * The request as the destination sees it: origin-form target, its own {@code Host}, no
     * hop-by-hop headers, one request only.
     */
    private static String forwardedHead(String[] requestLine, Target target, List<String> head) {
        StringBuilder forwarded = new StringBuilder(requestLine[0])
                .append(' ')
                .append(target.pathAndQuery())
                .append(' ')
                .append(requestLine[2])
                .append("\r\n");
        for (String header : head.subList(1, head.size())) {
            int colon = header.indexOf(':');
            String name = colon > 0 ? header.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
            if (!HOP_BY_HOP.contains(name) && !name.equals("host")) {
                forwarded.append(header).append("\r\n");
            }
        }
        return forwarded
                .append("Host: ")
                .append(target.hostPort())
                .append("\r\nConnection: close\r\n\r\n")
                .toString();
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

    private static void pump(InputStream from, OutputStream to, Socket upstream) {
        try {
            from.transferTo(to);
            upstream.shutdownOutput();
        } catch (IOException e) {
            // One side closed: the other direction ends on its own.
        }
    }

    private static void answer(OutputStream out, String status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(ISO_8859_1);
        String head = "HTTP/1.1 " + status + "\r\n" + (status.startsWith("403") ? DENIED_HEADER + "\r\n" : "")
                + "Content-Type: text/plain\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** The request line and headers, up to the blank line. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        int b;
        while ((b = in.read()) != -1 && ++total < MAX_HEAD_BYTES) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(ISO_8859_1);
            line.reset();
            text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            if (text.isEmpty()) {
                return lines;
            }
            lines.add(text);
        }
        return List.of();
    }

    /** Where a request wants to go. */
    record Target(String host, int port, String pathAndQuery) {

        String hostPort() {
            return normalise((host.contains(":") ? "[" + host + "]" : host) + ":" + port);
        }

        /**
         * This request's path below {@code base} ({@code http://host:port/prefix}), or null when
         * the path would leave the prefix (dot segments, encoded dots or slashes, backslashes).
         */
        Target under(URI base) {
            String lower = pathAndQuery.toLowerCase(Locale.ROOT);
            if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\")) {
                return null;
            }
            String path = pathAndQuery.split("\\?", 2)[0];
            if (Arrays.stream(path.split("/")).anyMatch(segment -> segment.equals(".") || segment.equals(".."))) {
                return null;
            }
            String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
            int basePort = base.getPort() > 0 ? base.getPort() : 80;
            return new Target(unbracket(base.getHost()), basePort, prefix + pathAndQuery);
        }

        /** {@code host:port} or {@code [v6]:port}, as CONNECT names it. */
        static Target ofAuthority(String authority) {
            try {
                URI uri = new URI("tunnel://" + authority);
                return uri.getHost() == null || uri.getPort() < 1
                        ? null
                        : new Target(unbracket(uri.getHost()), uri.getPort(), "");
            } catch (URISyntaxException e) {
                return null;
            }
        }

        /** An absolute {@code http://} URI, as a proxy receives a plain request. */
        static Target ofUri(String text) {
            try {
                URI uri = new URI(text);
                if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    return null;
                }
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
                return new Target(unbracket(uri.getHost()), uri.getPort() > 0 ? uri.getPort() : 80, path + query);
            } catch (URISyntaxException e) {
                return null;
            }
        }

        private static String unbracket(String host) {
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
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
        threads.shutdownNow();
    }
}
