package dev.hearth.hypervisor.host.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.hearth.hypervisor.host.code.CodeStore;
import dev.hearth.hypervisor.host.events.EventLog;
import dev.hearth.hypervisor.host.instances.InstanceRegistry;
import dev.hearth.hypervisor.host.instances.RequestProblem;
import dev.hearth.protocol.archive.ArchiveLimits;
import dev.hearth.protocol.archive.InvalidArchiveException;
import dev.hearth.protocol.wire.AgentInfo;
import dev.hearth.protocol.wire.CreateInstanceRequest;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.Problem;
import dev.hearth.protocol.wire.json.InvokeJson;
import dev.hearth.protocol.wire.json.WholeJson;
import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves {@code /v1} of the host agent API. Every request but {@code GET /v1/health} and {@code
 * GET /v1/openapi.yaml} needs {@code Authorization: Bearer <shared secret>}.
 */
public final class AgentHttpApi implements AutoCloseable {

    static {
        // Read once, when the JDK's server classes load (HttpsServer shares them with HttpServer):
        // without it every keep-alive request waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.http");
    private static final Pattern INSTANCE = Pattern.compile("/v1/instances/([a-z0-9-]{1,64})");
    private static final Pattern INVOCATIONS = Pattern.compile("/v1/instances/([a-z0-9-]{1,64})/invocations");
    private static final Pattern CODE = Pattern.compile("/v1/code/([^/]+)");
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";

    /** The most of a request body read; a longer one is cut there, and so is not the JSON expected. */
    private static final int MAX_JSON_BYTES = 8 << 20;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Jsonb jsonb = JsonbBuilder.create();
    private final byte[] secret;
    private final AgentInfo info;
    private final InstanceRegistry instances;
    private final CodeStore code;
    private final EventLog events;

    private AgentHttpApi(
            HttpServer server,
            ExecutorService executor,
            byte[] secret,
            AgentInfo info,
            InstanceRegistry instances,
            CodeStore code,
            EventLog events) {
        this.server = server;
        this.executor = executor;
        this.secret = secret.clone();
        this.info = info;
        this.instances = instances;
        this.code = code;
        this.events = events;
    }

    /**
     * Listens on {@code bind:port} (port 0: any free port) and starts serving: HTTPS when {@code
     * tls} is given, else plain HTTP.
     */
    public static AgentHttpApi start(
            String bind,
            int port,
            Optional<AgentTls> tls,
            byte[] secret,
            AgentInfo info,
            InstanceRegistry instances,
            CodeStore code,
            EventLog events)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(bind, port);
        HttpServer server;
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(tls.get().configurator());
            server = https;
        } else {
            server = HttpServer.create(address, 64);
        }
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "agent-http");
            t.setDaemon(true);
            return t;
        });
        AgentHttpApi api = new AgentHttpApi(server, executor, secret, info, instances, code, events);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code https} or {@code http}. */
    public String scheme() {
        return server instanceof HttpsServer ? "https" : "http";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(exchange);
        }
    }

    /** Routes one request, turning refusals and failures into problem documents. */
    private void answer(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RequestProblem problem) {
            sendProblem(exchange, problem.status(), problem.title(), problem.getMessage());
        } catch (JsonbException e) {
            sendProblem(exchange, 400, "Invalid JSON", "the request body is not the expected JSON document");
        } catch (JsonException e) {
            sendProblem(
                    exchange,
                    400,
                    "Invalid JSON",
                    "the request body is not the expected JSON document: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendProblem(exchange, 503, "Shutting down", "the agent is stopping");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "request " + exchange.getRequestURI() + " failed", e);
            sendProblem(exchange, 500, "Internal error", e.toString());
        }
    }

    private void route(HttpExchange exchange) throws IOException, RequestProblem, InterruptedException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/v1/health") && method.equals("GET")) {
            sendJson(exchange, 200, "{\"status\":\"UP\"}");
            return;
        }
        if (path.equals("/v1/openapi.yaml") && method.equals("GET")) {
            try (InputStream yaml = AgentHttpApi.class.getResourceAsStream("/openapi/host-agent-v1.yaml")) {
                send(exchange, 200, "application/yaml", yaml.readAllBytes());
            }
            return;
        }
        authenticate(exchange);
        Matcher matcher;
        if (path.equals("/v1/agent")) {
            requireMethod(method, "GET");
            sendJson(exchange, 200, jsonb.toJson(info));
        } else if (path.equals("/v1/instances")) {
            if (method.equals("GET")) {
                sendJson(exchange, 200, jsonb.toJson(instances.list()));
            } else {
                requireMethod(method, "POST");
                CreateInstanceRequest request = readJson(exchange, CreateInstanceRequest.class);
                sendJson(exchange, 201, jsonb.toJson(instances.create(request)));
            }
        } else if ((matcher = INSTANCE.matcher(path)).matches()) {
            requireMethod(method, "DELETE");
            instances.destroy(matcher.group(1));
            send(exchange, 204, null, null);
        } else if ((matcher = INVOCATIONS.matcher(path)).matches()) {
            requireMethod(method, "POST");
            InvokeRequest request = InvokeJson.readRequest(body(exchange));
            send(exchange, 200, JSON, InvokeJson.write(instances.invoke(matcher.group(1), request)));
        } else if (path.equals("/v1/events")) {
            requireMethod(method, "GET");
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            long after = longParameter(query, "after", 0);
            long waitMillis = longParameter(query, "waitMillis", 0);
            sendJson(exchange, 200, jsonb.toJson(events.after(after, waitMillis)));
        } else if ((matcher = CODE.matcher(path)).matches()) {
            code(exchange, method, matcher.group(1));
        } else {
            throw new RequestProblem(404, "Not found", "no resource at " + path);
        }
    }

    private void code(HttpExchange exchange, String method, String sha256)
            throws IOException, RequestProblem, InterruptedException {
        if (!CodeStore.isSha256(sha256)) {
            throw new RequestProblem(400, "Invalid digest", "'" + sha256 + "' is not 64 lower-case hex digits");
        }
        if (method.equals("HEAD")) {
            send(exchange, code.has(sha256) ? 200 : 404, null, null);
            return;
        }
        requireMethod(method, "PUT");
        // The body is read into memory only in a turn: the same package sent by many cold starts
        // at once is read once, and the others find it stored.
        long max = ArchiveLimits.DEFAULT.maxArchiveBytes();
        boolean storedBefore;
        try (CodeStore.Turn turn = code.awaitTurn()) {
            storedBefore = code.has(sha256);
            if (!storedBefore) {
                byte[] archive = exchange.getRequestBody().readNBytes((int) max + 1);
                if (archive.length > max) {
                    throw new RequestProblem(
                            413, "Archive too large", "code archives may not exceed " + (max >> 20) + " MiB");
                }
                store(sha256, archive);
            }
        }
        if (storedBefore) {
            // Read to its end, unkept: answered early, a sender still writing would meet a closed
            // connection (the server drains only 64 KiB of a body left unread).
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        }
        send(exchange, 204, null, null);
    }

    private void store(String sha256, byte[] archive) throws RequestProblem {
        try {
            code.store(sha256, archive);
        } catch (InvalidArchiveException e) {
            throw new RequestProblem(400, "Invalid archive", String.join("; ", e.problems()));
        } catch (IOException e) { // the agent's own disk: full, say; the exchange itself is still whole
            LOG.log(Level.ERROR, "cannot store code package " + sha256, e);
            throw new RequestProblem(500, "Cannot store code", e.toString());
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(
                            URLDecoder.decode(pair.substring(0, equals), UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), UTF_8));
                }
            }
        }
        return parameters;
    }

    private static long longParameter(Map<String, String> query, String name, long defaultValue) throws RequestProblem {
        String text = query.get(name);
        try {
            long value = text == null ? defaultValue : Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new RequestProblem(400, "Invalid parameter", name + " must be a number >= 0, not '" + text + "'");
        }
    }

    private void authenticate(HttpExchange exchange) throws RequestProblem {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring("Bearer ".length()).trim().getBytes(UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(given, secret)) {
            throw new RequestProblem(401, "Unauthorized", "a valid 'Authorization: Bearer <secret>' is required");
        }
    }

    private static void requireMethod(String method, String allowed) throws RequestProblem {
        if (!method.equals(allowed)) {
            throw new RequestProblem(405, "Method not allowed", method + " is not allowed here; use " + allowed);
        }
    }

    /** JSON-B binds only a whole document: one cut inside a property it skips would hang it. */
    private <T> T readJson(HttpExchange exchange, Class<T> type) throws IOException, RequestProblem {
        T value = jsonb.fromJson(WholeJson.check(new String(body(exchange), UTF_8)), type);
        if (value == null) {
            throw new RequestProblem(400, "Invalid JSON", "the request body is empty");
        }
        return value;
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        return exchange.getRequestBody().readNBytes(MAX_JSON_BYTES);
    }

    private void sendProblem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        if (status == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"hearth-agent\"");
        }
        byte[] body =
                jsonb.toJson(new Problem("about:blank", title, status, detail)).getBytes(UTF_8);
        send(exchange, status, PROBLEM_JSON, exchange.getRequestMethod().equals("HEAD") ? null : body);
    }

    private static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, JSON, json.getBytes(UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
        if (body != null) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            jsonb.close();
        } catch (Exception e) {
            // Nothing to release that matters at shutdown.
        }
    }
}
