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
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
public final class EgressProxy implements AutoCloseable {

    static final String DENIED_HEADER = "X-Hearth-Egress: denied";

    private static final int MAX_HEAD_BYTES = 64 << 10;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "upgrade");

    private final Path socket;
    private final ServerSocketChannel server;
    private final ExecutorService threads;
    private final AtomicLong denials = new AtomicLong();
    private volatile Set<String> allowed = Set.of();

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

    /** Replaces the allow-list: {@code host:port} pairs, host names compared case-insensitively. */
    public void allow(Collection<String> hostPorts) {
        allowed = hostPorts.stream().map(EgressProxy::normalise).collect(Collectors.toUnmodifiableSet());
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
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            OutputStream out = Channels.newOutputStream(channel);
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
            if (!allowed.contains(target.hostPort())) {
                denials.incrementAndGet();
                answer(out, "403 Forbidden", "egress to " + target.hostPort() + " is not allowed by the policy");
                return;
            }
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
        } catch (IOException e) {
            // The client or the destination went away; nothing to tell anyone.
        }
    }

    /** The request as the destination sees it: origin-form target, no hop-by-hop headers, one request only. */
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
            if (!HOP_BY_HOP.contains(name)) {
                forwarded.append(header).append("\r\n");
            }
        }
        return forwarded.append("Connection: close\r\n\r\n").toString();
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
