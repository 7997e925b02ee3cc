package dev.hearth.hypervisor.adapter.transport;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A stand-in host agent on 127.0.0.1 whose answers a test scripts: each request is answered with
 * the raw bytes the script returns, or the connection is closed without an answer when it returns
 * null. Plain, or TLS with a given key. Records every request it read and counts connections.
 */
public final class ScriptedAgent implements AutoCloseable {

    /** A request as the agent read it; header names in lower case. */
    public record Request(int connection, String method, String path, Map<String, String> headers, String body) {}

    /** The script: given a request, the raw answer, or null to close the connection unanswered. */
    public interface Script {
        byte[] answer(Request request);
    }

    private final ServerSocket server;
    private final Script script;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<SSLSession> sessions = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closeAfterAnswer;

    public ScriptedAgent(SSLContext tls, Script script) throws IOException {
        this.server = tls == null
                ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::accept, "scripted-agent");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI url(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort());
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public int connections() {
        return connections.get();
    }

    /** The TLS session of each connection that sent a request, in the order they did. */
    List<SSLSession> sessions() {
        return new ArrayList<>(sessions);
    }

    /**
     * From now on the agent closes each connection right after its answer, without saying so in
     * it, as an agent process that is restarted then would have.
     */
    public void closeAfterEachAnswer() {
        closeAfterAnswer = true;
    }

    public static byte[] answer(int status, String contentType, String body) {
        return ("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                        + body.getBytes(ISO_8859_1).length + "\r\n\r\n" + body)
                .getBytes(ISO_8859_1);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int connection = connections.incrementAndGet();
                open.add(socket);
                Thread serving = new Thread(() -> serve(socket, connection), "scripted-agent-" + connection);
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String requestLine;
            while ((requestLine = line(in)) != null) {
                if (socket instanceof SSLSocket tls && !sessions.contains(tls.getSession())) {
                    sessions.add(tls.getSession());
                }
                String[] parts = requestLine.split(" ");
                Map<String, String> headers = new LinkedHashMap<>();
                for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                    int colon = line.indexOf(':');
                    headers.put(
                            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                Request request = new Request(
                        connection, parts[0], parts[1], headers, new String(in.readNBytes(length), ISO_8859_1));
                requests.add(request);
                byte[] answer = script.answer(request);
                if (answer == null) {
                    return;
                }
                out.write(answer);
                out.flush();
                if (closeAfterAnswer) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or refused the handshake
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                return line.toString().strip();
            }
            line.append((char) b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
