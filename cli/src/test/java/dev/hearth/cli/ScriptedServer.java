package dev.hearth.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on 127.0.0.1 that answers each "METHOD /path" with the answers scripted for it, in
 * turn (the last one again once they run out), and keeps every request it received.
 */
final class ScriptedServer implements AutoCloseable {

    record Answer(int status, String contentType, byte[] body) {}

    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> script = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    ScriptedServer on(String methodAndPath, int status, String contentType, String body) {
        return on(methodAndPath, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    ScriptedServer on(String methodAndPath, int status, String contentType, byte[] body) {
        script.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(new Answer(status, contentType, body));
        return this;
    }

    ScriptedServer json(String methodAndPath, int status, String body) {
        return on(methodAndPath, status, "application/json", body);
    }

    ScriptedServer problem(String methodAndPath, int status, String slug, String detail) {
        return on(
                methodAndPath,
                status,
                "application/problem+json",
                "{\"type\":\"https://hearth.dev/problems/" + slug + "\",\"title\":\"t\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}");
    }

    /** The realm's discovery document, its endpoints on this server under {@code /realm}. */
    ScriptedServer realm() {
        return json(
                "GET /realm/.well-known/openid-configuration",
                200,
                "{\"issuer\":\"" + url("/realm") + "\",\"token_endpoint\":\"" + url("/realm/token")
                        + "\",\"device_authorization_endpoint\":\"" + url("/realm/device")
                        + "\",\"authorization_endpoint\":\"" + url("/realm/auth")
                        + "\",\"revocation_endpoint\":\"" + url("/realm/revoke") + "\"}");
    }

    List<Request> requests(String methodAndPath) {
        return requests.stream()
                .filter(r -> (r.method() + " " + r.path()).equals(methodAndPath))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(new Request(
                exchange.getRequestMethod(),
                query == null ? path : path + "?" + query,
                Map.copyOf(exchange.getRequestHeaders()),
                body));
        Deque<Answer> answers = script.get(exchange.getRequestMethod() + " " + path);
        Answer answer = answers == null
                ? new Answer(404, "text/html", "<html>no such page</html>".getBytes(StandardCharsets.UTF_8))
                : answers.size() > 1 ? answers.poll() : answers.peek();
        byte[] bytes = answer.body();
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
