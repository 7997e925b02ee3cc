package dev.hearth.hypervisor.adapter.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLSocket;

/**
 * One persistent HTTP/1.1 connection to a host agent, over TLS for an {@code https} URL (the
 * agent's certificate pinned, see {@link PinnedCertificates}) or plain for an {@code http} one.
 * Deliberately minimal (fixed-length and chunked bodies, keep-alive, no redirects): the agent is
 * our own, and a blocking socket with TCP_NODELAY needs no threads of its own, which a JCA adapter
 * may not create. Not thread-safe: a managed connection is used by one caller at a time.
 */
public final class AgentHttpChannel implements AutoCloseable {

    /** An HTTP response: status, content type and body. */
    public record Response(int status, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_HEADER_LINE = 8192;

    /**
     * More than any answer of the agent holds (an invocation's payload is at most 6 MiB, and its
     * JSON escaping makes that at most 36 MiB): a larger one is refused rather than held in memory.
     */
    static final int MAX_BODY_BYTES = 64 << 20;

    /**
     * The agent's HTTP server (the JDK's) closes a connection idle for 30 s; a request written on
     * such a socket meets end-of-stream, with no way to tell whether the agent read it. So a
     * connection idle for longer than this is replaced before it is used, well inside that time.
     */
    static final long MAX_IDLE_NANOS = 20_000_000_000L;

    private final String host;
    private final int port;
    private final Optional<PinnedCertificates.AgentTls> tls;
    private final String authorization;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long lastUsedNanos;

    /**
     * @param tls required for an {@code https} URL, which it is used for; ignored for {@code http}
     */
    public AgentHttpChannel(
            URI agentUrl,
            Optional<PinnedCertificates.AgentTls> tls,
            String secret,
            int connectTimeoutMillis,
            int readTimeoutMillis) {
        boolean https = "https".equals(agentUrl.getScheme());
        if (https && tls.isEmpty()) {
            throw new IllegalArgumentException("an https agent URL needs the agent's pinned certificate");
        }
        this.host = agentUrl.getHost();
        this.port = agentUrl.getPort() > 0 ? agentUrl.getPort() : https ? 443 : 80;
        this.tls = https ? tls : Optional.empty();
        this.authorization = "Bearer " + secret;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /**
     * Sends one request and reads the whole response. On any I/O failure the socket is closed, and
     * the next call opens a new one; so does a call on a socket idle for longer than {@link
     * #MAX_IDLE_NANOS}. A request on a kept-alive socket that ends before any byte of an answer
     * (the agent process behind it restarted) is sent once more on a new socket; a timeout never is.
     */
    public Response exchange(String method, String path, String contentType, byte[] body) throws IOException {
        if (isOpen() && System.nanoTime() - lastUsedNanos > MAX_IDLE_NANOS) {
            close();
        }
        boolean reused = isOpen();
        try {
            return send(method, path, contentType, body);
        } catch (NoAnswerException e) {
            close();
            if (!reused) {
                throw e;
            }
            // The socket was the previous agent process's (a restarted agent, an idle close): that
            // process is gone, so it did not run the request. Once more on a new connection.
            return send(method, path, contentType, body);
        }
    }

    private Response send(String method, String path, String contentType, byte[] body) throws IOException {
        try {
            ensureOpen();
            try {
                writeRequest(method, path, contentType, body);
            } catch (IOException e) {
                throw new NoAnswerException("host agent connection broken: " + e.getMessage());
            }
            Response response = readResponse(!"HEAD".equals(method));
            lastUsedNanos = System.nanoTime();
            return response;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The connection ended before any byte of an answer: the agent's end of it was gone. */
    private static final class NoAnswerException extends IOException {

        private static final long serialVersionUID = 1L;

        NoAnswerException(String message) {
            super(message);
        }
    }

    public boolean isOpen() {
        return socket != null && !socket.isClosed();
    }

    private void ensureOpen() throws IOException {
        if (isOpen()) {
            return;
        }
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        try {
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            if (tls.isPresent()) {
                s = handshake(s);
            }
        } catch (IOException e) {
            s.close();
            throw e;
        }
        s.setSoTimeout(readTimeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    /**
     * TLS over the connected socket, the handshake done here and bounded by the connect timeout:
     * a refused certificate fails the connection, never a request that could then be retried.
     */
    private Socket handshake(Socket plain) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.orElseThrow().sockets().createSocket(plain, host, port, true);
        ssl.setEnabledProtocols(PinnedCertificates.AgentTls.protocols());
        ssl.setSoTimeout(connectTimeoutMillis);
        ssl.startHandshake();
        return ssl;
    }

    private void writeRequest(String method, String path, String contentType, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\nAuthorization: ")
                .append(authorization)
                .append("\r\nAccept: application/json\r\n");
        if (body != null) {
            head.append("Content-Type: ")
                    .append(contentType)
                    .append("\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\n");
        } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            out.write(headBytes);
        } else {
            byte[] request = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
            out.write(request);
        }
        out.flush();
    }

    private Response readResponse(boolean expectBody) throws IOException {
        String statusLine;
        try {
            statusLine = readLine();
        } catch (SocketTimeoutException e) {
            throw e; // the agent may be running it: never sent twice
        } catch (IOException e) {
            throw new NoAnswerException(e.getMessage());
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response from the host agent: " + statusLine);
        }
        int status = (int) number(parts[1], 10, "status");
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        String contentType = "";
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = length(number(value, 10, "Content-Length"));
                case "transfer-encoding" -> chunked =
                        value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                case "content-type" -> contentType = value;
                default -> {}
            }
        }
        byte[] body = new byte[0];
        if (expectBody && status != 204 && status != 304) {
            if (chunked) {
                body = readChunked();
            } else if (contentLength >= 0) {
                body = in.readNBytes((int) contentLength);
                if (body.length != contentLength) {
                    throw new IOException("host agent closed the connection mid-response");
                }
            } else {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
                length(body.length);
                closeAfter = true;
            }
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, contentType, body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            long size = number(semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine, 16, "chunk size");
            length(body.size() + size);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers are not used by the agent
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length != size) {
                throw new IOException("host agent closed the connection mid-chunk");
            }
            body.writeBytes(chunk);
            readLine();
        }
    }

    /**
     * A non-negative number of the answer's head. A malformed one is an {@link IOException}, as a
     * broken connection is: the socket is closed and the caller sees the agent unreachable.
     */
    private static long number(String text, int radix, String what) throws IOException {
        String digits = text.trim();
        if (digits.isEmpty() || digits.length() > 15 || Character.digit(digits.charAt(0), radix) < 0) {
            throw new IOException("malformed " + what + " from the host agent: " + text);
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new IOException("malformed " + what + " from the host agent: " + text);
        }
    }

    private static long length(long bytes) throws IOException {
        if (bytes > MAX_BODY_BYTES) {
            throw new IOException("the host agent's answer is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return bytes;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("host agent closed the connection");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_HEADER_LINE) {
                throw new IOException("header line from the host agent is too long");
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a broken socket has nothing left to report
            }
        }
    }
}
