import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Hearth's latency and throughput bench, a single-file program ({@code java bench/Bench.java}),
 * started by {@code bench/run} against a Hearth of its own on loopback. It measures end to end
 * through the Payara API with real bearer tokens, and separately at the host agent: warm,
 * warming-pool-hit and cold invocations of a trivial function, warm throughput at several
 * concurrencies, async invocations (accepted and completed per second), and the agent's instance
 * boot rate. Every loop is bounded in count and in time.
 * Next to warm concurrency 1 and 16 it measures, the same way and right before them, an
 * authenticated read of the function ({@code GET /functions/{name}}, the same token and client),
 * and reports the warm path's ratios to it against issue 17's targets.
 * It writes a JSON report and the markdown tables of docs/performance.md, and prints the ratios'.
 *
 * <p>Arguments: API_URL AGENT_URL AGENT_SECRET_FILE KEYCLOAK_URL CODE_ZIP JSON_OUT MARKDOWN_OUT
 * AGENT_CERTIFICATE (the PEM file of an https agent, which the bench trusts alone) [FUNCTIONS].
 * Tokens are the demo users' (dev, admin), fetched by the password grant and renewed before they
 * expire.
 *
 * <p>FUNCTIONS (default 1) above 1 spreads the load: that many copies of the function, the client
 * threads of each concurrency level taking them in turn, so that a balancer that hashes the URI
 * sends them to every member. Such a run measures the warm path only (warm, the concurrency
 * levels, the agent alone): cold starts and warming-pool hits destroy instances through the admin
 * API, which a member can do only for its own.
 */
public final class Bench {

    private static final String FUNCTION = "bench-trivial";
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(60);
    private static final int[] CONCURRENCY = {1, 4, 16, 64};
    private static final Duration LEVEL_LENGTH = Duration.ofSeconds(8);
    /** The concurrency whose p50s are compared, and the one whose throughputs are. */
    private static final int P50_LEVEL = 1;
    private static final int RATE_LEVEL = 16;

    /**
     * Before the levels: the read and the warm invocation in turns at {@link #RATE_LEVEL} until the
     * JIT compilers of every Java process here together spend at most {@link #SETTLED_JIT_SHARE} of
     * the machine's CPU over a turn, or {@link #SETTLING_LIMIT} has passed. A level measured while
     * a JVM still compiles its path pays for the compiling in each request, and the read's path
     * and the invocation's are compiled at different moments: their ratio would tell when the JIT
     * ran, not what each costs once a Hearth has been up for a while.
     */
    private static final Duration SETTLING_TURN = Duration.ofSeconds(4);

    private static final Duration SETTLING_LIMIT = Duration.ofSeconds(240);
    private static final double SETTLED_JIT_SHARE = 0.02;
    /** Issue 17's targets: warm p50 at most twice the read's; warm throughput at least 60 % of the read's. */
    private static final double MAX_P50_FACTOR = 2.0;
    private static final double MIN_RATE_SHARE = 0.6;
    private static final String AUX_FUNCTION = "bench-aux";
    private static final int AUX_INVOCATIONS = 300;
    /**
     * A trusted function that calls two auxiliary services the way a user's code does (Python's
     * urllib through {@code HEARTH_AUX_URL}, a connection each) and times each call itself; and,
     * to tell the path's parts apart, a request the agent's proxy answers itself (the container's
     * relay and the proxy, without Payara) and a key-value read (Payara without a commit).
     */
    private static final String AUX_MANIFEST = "{\"runtime\":\"%s\",\"entryPortion\":\"main\",\"portions\":[{\"name\":"
            + "\"main\",\"path\":\".\",\"handler\":\"app.handler\",\"trustLevel\":\"trusted\"}],\"policy\":{\"memoryMb\":128,"
            + "\"timeoutMillis\":5000,\"maxProcesses\":32,\"tmpMb\":16,\"credentialScopes\":[\"kv:read\",\"kv:write\",\"logs:write\"]}}";
    private static final String AUX_HANDLER = """
            import json, os, socket, time, urllib.parse, urllib.request

            def call(method, path, body=None):
                request = urllib.request.Request(
                    os.environ["HEARTH_AUX_URL"] + path, method=method,
                    data=None if body is None else json.dumps(body).encode(),
                    headers={"Authorization": "Bearer " + os.environ["HEARTH_CREDENTIAL"],
                             "Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=5) as response:
                    response.read()
                    return response.status

            def relay():
                # CONNECT to the auxiliary name: the proxy answers 404 itself, Payara is not asked.
                proxy = urllib.parse.urlsplit(os.environ["HTTP_PROXY"])
                with socket.create_connection((proxy.hostname, proxy.port), timeout=5) as s:
                    s.sendall(b"CONNECT aux.hearth.internal:80 HTTP/1.1\\r\\n\\r\\n")
                    answer = b""
                    while chunk := s.recv(4096):
                        answer += chunk
                    return answer.startswith(b"HTTP/1.1 404")

            def timed(step):
                started = time.perf_counter()
                ok = step()
                return ok, (time.perf_counter() - started) * 1000

            def handler(event, context):
                relayed, relay_ms = timed(relay)
                stored, put_ms = timed(lambda: call("PUT", "/kv/bench", {"n": 1}) in (200, 201, 204))
                read, get_ms = timed(lambda: call("GET", "/kv/bench") == 200)
                logged, log_ms = timed(lambda: call("POST", "/invocations/" + context.aws_request_id + "/logs",
                                                    {"lines": [{"level": "info", "message": "bench"}]}) == 204)
                return {"relayMs": relay_ms, "kvPutMs": put_ms, "kvGetMs": get_ms, "logMs": log_ms,
                        "ok": relayed and stored and read and logged}
            """;
    /**
     * The same in Node.js, with its http module and default (keep-alive) agent through {@code
     * HTTP_PROXY}: a runtime that does not relay the egress port itself, whose container runs the
     * relay as a process of its own.
     */
    private static final String AUX_NODE_HANDLER = """
            const http = require('http');
            const net = require('net');
            const proxy = new URL(process.env.HTTP_PROXY);

            function call(method, path, body) {
              return new Promise((resolve, reject) => {
                const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
                const headers = { Authorization: 'Bearer ' + process.env.HEARTH_CREDENTIAL };
                if (data) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': data.length });
                const request = http.request({ host: proxy.hostname, port: proxy.port, method,
                  path: process.env.HEARTH_AUX_URL + path, headers }, (response) => {
                  response.resume();
                  response.on('end', () => resolve(response.statusCode));
                });
                request.setTimeout(5000, () => request.destroy(new Error('timed out')));
                request.on('error', reject);
                request.end(data);
              });
            }

            function relay() {
              // CONNECT to the auxiliary name: the proxy answers 404 itself, Payara is not asked.
              return new Promise((resolve, reject) => {
                const chunks = [];
                const socket = net.connect(Number(proxy.port), proxy.hostname,
                  () => socket.end('CONNECT aux.hearth.internal:80 HTTP/1.1\\r\\n\\r\\n'));
                socket.on('data', (chunk) => chunks.push(chunk));
                socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1').startsWith('HTTP/1.1 404')));
                socket.on('error', reject);
              });
            }

            async function timed(step) {
              const started = process.hrtime.bigint();
              const ok = await step();
              return [ok, Number(process.hrtime.bigint() - started) / 1e6];
            }

            exports.handler = async (event, context) => {
              const [relayed, relayMs] = await timed(relay);
              const [stored, kvPutMs] = await timed(async () => [200, 201, 204].includes(await call('PUT', '/kv/bench', { n: 1 })));
              const [read, kvGetMs] = await timed(async () => (await call('GET', '/kv/bench')) === 200);
              const [logged, logMs] = await timed(async () => (await call('POST',
                '/invocations/' + context.awsRequestId + '/logs', { lines: [{ level: 'info', message: 'bench' }] })) === 204);
              return { relayMs, kvPutMs, kvGetMs, logMs, ok: relayed && stored && read && logged };
            };
            """;
    /** What the function times: the report's names, its answer's with "Ms" appended. */
    private static final List<String> AUX_TIMINGS = List.of("relay", "kvPut", "kvGet", "log");
    private static final int ASYNC_CONCURRENCY = 16;
    private static final int ASYNC_EVENTS = 2000;

    private final HttpClient http;
    private final String api;
    private final String agent;
    private final String agentSecret;
    private final String keycloak;
    private final int functions;
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long tokensFetched;

    private Bench(String api, String agent, String agentSecret, String keycloak, Path agentCertificate, int functions)
            throws IOException, GeneralSecurityException {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(trusting(agentCertificate))
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread thread = new Thread(r, "bench-http");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
        this.api = api;
        this.agent = agent;
        this.agentSecret = agentSecret;
        this.keycloak = keycloak;
        this.functions = functions;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8 && args.length != 9) {
            System.err.println(
                    "usage: java Bench.java API AGENT SECRET_FILE KEYCLOAK CODE_ZIP JSON MD AGENT_CERTIFICATE [FUNCTIONS]");
            System.exit(2);
        }
        int functions = args.length == 9 ? Integer.parseInt(args[8]) : 1;
        Bench bench = new Bench(
                args[0], args[1], Files.readString(Path.of(args[2])).strip(), args[3], Path.of(args[7]), functions);
        Map<String, Object> report = bench.run(Files.readAllBytes(Path.of(args[4])));
        Files.writeString(Path.of(args[5]), json(report) + "\n");
        Files.writeString(Path.of(args[6]), markdown(report));
        System.out.println(json(report));
        System.out.print(ratiosMarkdown(report));
    }

    private Map<String, Object> run(byte[] code) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("when", Instant.now().toString());
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version"));
        send(api("PUT", "/admin/settings", token("admin"), "application/json",
                "{\"keepAliveSeconds\":600,\"maxConcurrentPerFunction\":64,\"maxConcurrentPerUser\":64,"
                        + "\"queueWaitMillis\":10000}"));
        report.put("functions", functions);
        setPool(0);
        for (int n = 0; n < functions; n++) {
            send(api("DELETE", "/functions/" + function(n), token("dev"), null, null));
            expect(201, api("PUT", "/functions/" + function(n), token("dev"), "application/zip", copy(code, n)));
        }

        if (functions == 1) {
            report.put("cold", progress("cold", coldStarts(15)));
            report.put("warmingPoolHit", progress("warming-pool hit", warmingPoolHits(25)));
        }
        report.put("warm", progress("warm", latencies("warm", 2000, () -> invoke())));
        report.put("settling", progress("settling", settle()));
        Map<String, Object> throughput = new LinkedHashMap<>();
        Map<String, Object> read = new LinkedHashMap<>();
        for (int c : CONCURRENCY) {
            if (c == P50_LEVEL || c == RATE_LEVEL) {
                read.put("c" + c, progress("authenticated read at concurrency " + c, throughput(c, this::readRequest)));
            }
            throughput.put("c" + c, progress("concurrency " + c, throughput(c, this::invokeRequest)));
        }
        report.put("throughput", throughput);
        report.put("read", read);
        report.put("ratios", ratios(throughput, read));
        if (functions == 1) {
            report.put("auxiliary", progress("auxiliary services",
                    auxiliary(AUX_FUNCTION, "python3", "app.py", AUX_HANDLER, AUX_INVOCATIONS)));
            report.put("auxiliaryNode", progress("auxiliary services from Node.js",
                    auxiliary(AUX_FUNCTION + "-node", "nodejs", "app.js", AUX_NODE_HANDLER, AUX_INVOCATIONS)));
            report.put("async", progress("async", async(ASYNC_CONCURRENCY, ASYNC_EVENTS)));
        }
        report.put("agent", progress("agent", agentOnly(2000)));
        if (functions == 1) {
            report.put("bootRate", progress("boot", bootRate(16)));
        }
        setPool(0);
        return report;
    }

    // ---- end to end through Payara -------------------------------------------------------------

    /** Each cold start: no warm instance of dev's and an empty warming pool. */
    private Map<String, Object> coldStarts(int count) throws Exception {
        List<Long> nanos = new ArrayList<>();
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        while (nanos.size() < count && System.nanoTime() < deadline) {
            destroyInstancesOf("dev");
            long started = System.nanoTime();
            String body = invoke();
            long took = System.nanoTime() - started;
            if (body.contains("\"startKind\":\"cold\"")) {
                nanos.add(took);
            }
        }
        return summary(nanos);
    }

    /** Each hit: dev's instance destroyed, a warming-pool instance ready. */
    private Map<String, Object> warmingPoolHits(int count) throws Exception {
        setPool(4);
        List<Long> nanos = new ArrayList<>();
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        while (nanos.size() < count && System.nanoTime() < deadline) {
            destroyInstancesOf("dev");
            awaitWarming(1);
            long started = System.nanoTime();
            String body = invoke();
            long took = System.nanoTime() - started;
            if (body.contains("\"startKind\":\"warming-pool\"")) {
                nanos.add(took);
            }
        }
        setPool(0);
        return summary(nanos);
    }

    /**
     * {@code concurrency} clients sending the function's {@code request} for {@link #LEVEL_LENGTH}
     * after a 4 s warm-up: latencies of the 200s, how many per second, how many refused.
     */
    private Map<String, Object> throughput(int concurrency, java.util.function.Function<String, HttpRequest.Builder> request)
            throws Exception {
        // Warm up: enough of dev's instances booted for this concurrency, and the JIT warm.
        load(concurrency, Duration.ofSeconds(4), request, new ArrayList<>(), new AtomicInteger());
        List<Long> nanos = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        Map<String, ProcessCpu> cpuBefore = ProcessCpu.all();
        long started = System.nanoTime();
        load(concurrency, LEVEL_LENGTH, request, nanos, refused);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> result = summary(nanos);
        result.put("concurrency", concurrency);
        result.put("perSecond", round(nanos.size() / seconds));
        result.put("refused", refused.get());
        result.put("cpuMsPerRequest", ProcessCpu.perRequest(cpuBefore, ProcessCpu.all(), nanos.size() + refused.get()));
        return result;
    }

    /**
     * Runs the read and the warm invocation in turns until the JIT has settled (see {@link
     * #SETTLING_TURN}): how long it took, and the JIT compilers' share of the machine in each turn.
     */
    private Map<String, Object> settle() throws Exception {
        List<Double> shares = new ArrayList<>();
        long started = System.nanoTime();
        double share;
        do {
            Map<String, ProcessCpu> before = ProcessCpu.all();
            long turnStarted = System.nanoTime();
            load(RATE_LEVEL, SETTLING_TURN.dividedBy(2), this::readRequest, new ArrayList<>(), new AtomicInteger());
            load(RATE_LEVEL, SETTLING_TURN.dividedBy(2), this::invokeRequest, new ArrayList<>(), new AtomicInteger());
            share = ProcessCpu.jitShare(before, ProcessCpu.all(), System.nanoTime() - turnStarted);
            shares.add(round(share * 100));
        } while (share > SETTLED_JIT_SHARE && System.nanoTime() - started < SETTLING_LIMIT.toNanos());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", round((System.nanoTime() - started) / 1e9));
        result.put("settled", share <= SETTLED_JIT_SHARE);
        result.put("jitPercentOfMachinePerTurn", shares);
        return result;
    }

    /**
     * A process's CPU time so far (user and system, from {@code /proc/PID/stat}) and what it is in
     * this Hearth, so that a level's CPU can be told per process: which part of the stack pays for
     * a request. Java processes are told apart by their command line, and their JIT compiler
     * threads' time is told apart from the rest ("payara (JIT compilers)"): a JVM that is still
     * compiling the path it serves pays for it in every request of the level.
     */
    private record ProcessCpu(String what, long ticks) {

        /** The kernel's clock ticks per second on Linux ({@code USER_HZ}). */
        private static final double TICKS_PER_SECOND = 100;

        /** Keyed by the pid, and by the pid and {@code /jit} for a Java process's compiler threads. */
        static Map<String, ProcessCpu> all() throws IOException {
            Map<String, ProcessCpu> all = new java.util.HashMap<>();
            try (var entries = Files.list(Path.of("/proc"))) {
                for (Path dir : (Iterable<Path>) entries::iterator) {
                    String name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String stat = Files.readString(dir.resolve("stat"));
                        String comm = command(stat);
                        long ticks = ticks(stat);
                        String what = what(comm, dir);
                        if (comm.equals("java")) {
                            long jit = compilerTicks(dir);
                            all.put(name + "/jit", new ProcessCpu(what + " (JIT compilers)", jit));
                            ticks -= jit;
                        }
                        all.put(name, new ProcessCpu(what, ticks));
                    } catch (IOException | RuntimeException gone) {
                        // the process ended while listed, or is not readable: not ours to count
                    }
                }
            }
            return all;
        }

        private static String command(String stat) {
            return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        }

        /** utime and stime: fields 14 and 15 of stat, 12 and 13 after the command. */
        private static long ticks(String stat) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        /** The CPU of a JVM's C1 and C2 compiler threads (named "C1 CompilerThre", "C2 CompilerThre"). */
        private static long compilerTicks(Path process) throws IOException {
            long ticks = 0;
            try (var tasks = Files.list(process.resolve("task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        if (command(stat).matches("C[12] CompilerThre.*")) {
                            ticks += ticks(stat);
                        }
                    } catch (IOException gone) {
                        // the thread ended while listed
                    }
                }
            }
            return ticks;
        }

        private static String what(String comm, Path dir) throws IOException {
            if (!comm.equals("java")) {
                return comm.startsWith("python") ? "python" : comm.startsWith("postgres") ? "postgres" : comm;
            }
            String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
            if (cmdline.contains("Bench.java")) {
                return "bench (load driver)";
            }
            if (cmdline.contains("glassfish") || cmdline.contains("payara")) {
                return "payara";
            }
            if (cmdline.contains("keycloak")) {
                return "keycloak";
            }
            return cmdline.contains("hearth") ? "host agent" : "java (other)";
        }

        /** The share of the machine's CPU that JIT compiler threads took over {@code nanos}. */
        static double jitShare(Map<String, ProcessCpu> before, Map<String, ProcessCpu> after, long nanos) {
            long ticks = 0;
            for (Map.Entry<String, ProcessCpu> now : after.entrySet()) {
                if (now.getKey().endsWith("/jit")) {
                    ProcessCpu then = before.get(now.getKey());
                    ticks += now.getValue().ticks() - (then == null ? 0 : then.ticks());
                }
            }
            double machineTicks = nanos / 1e9 * TICKS_PER_SECOND * Runtime.getRuntime().availableProcessors();
            return ticks / machineTicks;
        }

        /** Milliseconds of CPU per request, by what spent them, largest first; under 0.01 ms left out. */
        static Map<String, Object> perRequest(Map<String, ProcessCpu> before, Map<String, ProcessCpu> after, int requests) {
            Map<String, Long> ticks = new java.util.TreeMap<>();
            after.forEach((pid, now) -> {
                ProcessCpu then = before.get(pid);
                long spent = now.ticks() - (then == null ? 0 : then.ticks());
                ticks.merge(now.what(), spent, Long::sum);
            });
            long total = ticks.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("total", round(total * 1000 / TICKS_PER_SECOND / Math.max(1, requests)));
            ticks.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> {
                        double ms = e.getValue() * 1000 / TICKS_PER_SECOND / Math.max(1, requests);
                        if (ms >= 0.01) {
                            result.put(e.getKey(), round(ms));
                        }
                    });
            return result;
        }
    }

    private void load(
            int concurrency,
            Duration length,
            java.util.function.Function<String, HttpRequest.Builder> request,
            List<Long> nanos,
            AtomicInteger refused)
            throws Exception {
        long deadline = System.nanoTime() + length.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<List<Long>>> workers = new ArrayList<>();
            for (int n = 0; n < concurrency; n++) {
                String function = function(n % functions);
                workers.add(clients.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    while (System.nanoTime() < deadline && mine.size() < 50_000) {
                        long started = System.nanoTime();
                        HttpResponse<String> answer = send(request.apply(function));
                        if (answer.statusCode() == 200) {
                            mine.add(System.nanoTime() - started);
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                    return mine;
                }));
            }
            for (Future<List<Long>> worker : workers) {
                nanos.addAll(worker.get());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Async invocations ({@code Prefer: respond-async}): {@code events} of them posted by {@code
     * concurrency} clients, how fast they are accepted (202, and the latency of each acceptance),
     * then how fast Hearth's workers complete them: from the first acceptance until every
     * activation reads back as ended, watched by four readers of the activations (whose reads add
     * to the load, as a client's would).
     */
    private Map<String, Object> async(int concurrency, int events) throws Exception {
        List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> nanos = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        long first = System.nanoTime();
        long deadline = first + PHASE_LIMIT.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> posting = new ArrayList<>();
            for (int n = 0; n < concurrency; n++) {
                posting.add(clients.submit(() -> {
                    while (next.getAndIncrement() < events && System.nanoTime() < deadline) {
                        long started = System.nanoTime();
                        HttpResponse<String> answer = send(invokeRequest(FUNCTION).header("Prefer", "respond-async"));
                        if (answer.statusCode() == 202) {
                            nanos.add(System.nanoTime() - started);
                            accepted.add(field(answer.body(), "activationId"));
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : posting) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        double acceptSeconds = (System.nanoTime() - first) / 1e9;
        Map<String, Object> result = summary(nanos);
        result.put("concurrency", concurrency);
        result.put("acceptedPerSecond", round(accepted.size() / acceptSeconds));
        result.put("refused", refused.get());
        Map<String, Integer> outcomes = awaitEnded(List.copyOf(accepted), first + 3 * PHASE_LIMIT.toNanos());
        double completeSeconds = (System.nanoTime() - first) / 1e9;
        int ended = outcomes.values().stream().mapToInt(Integer::intValue).sum();
        result.put("completedPerSecond", round(ended / completeSeconds));
        result.put("outcomes", outcomes);
        return result;
    }

    /**
     * The auxiliary services on a trusted portion's path: warm invocations of {@code function}
     * ({@code handler} in {@code file}, in {@code runtime}), end to end, and each of its calls
     * ({@link #AUX_TIMINGS}) as the function timed it, from its connection opened to its answer read.
     */
    private Map<String, Object> auxiliary(String function, String runtime, String file, String handler, int count)
            throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("hearth.json"));
            out.write(AUX_MANIFEST.formatted(runtime).getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry(file));
            out.write(handler.getBytes(StandardCharsets.UTF_8));
        }
        send(api("DELETE", "/functions/" + function, token("dev"), null, null));
        expect(201, api("PUT", "/functions/" + function, token("dev"), "application/zip", zip.toByteArray()));
        Map<String, List<Long>> timings = new LinkedHashMap<>();
        AUX_TIMINGS.forEach(name -> timings.put(name, new ArrayList<>()));
        Map<String, Object> warm = latencies("warm", count, () -> {
            String body = expect(200, api("POST", "/functions/" + function + "/invocations", token("dev"),
                            "application/json", "{}"))
                    .body();
            if (!Pattern.compile("\"ok\":\\s*true").matcher(body).find()) {
                throw new IllegalStateException("an auxiliary call failed: " + body);
            }
            if (body.contains("\"startKind\":\"warm\"")) {
                timings.forEach((name, values) ->
                        values.add(Math.round(Double.parseDouble(field(body, name + "Ms")) * 1e6)));
            }
            return body;
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("warm", warm);
        // latencies() warms up first with the same calls: only the measured ones' calls count.
        int measured = (int) warm.get("count");
        timings.forEach((name, values) ->
                result.put(name, summary(values.subList(Math.max(0, values.size() - measured), values.size()))));
        return result;
    }

    /** Reads each activation until it has ended (or the deadline passed): how many ended in each status. */
    private Map<String, Integer> awaitEnded(List<String> activations, long deadline) throws Exception {
        Map<String, Integer> outcomes = new java.util.concurrent.ConcurrentSkipListMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> reading = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                reading.add(readers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < activations.size(); i = next.getAndIncrement()) {
                        while (System.nanoTime() < deadline) {
                            String status = field(
                                    expect(200, api("GET", "/activations/" + activations.get(i), token("dev"), null, null))
                                            .body(),
                                    "status");
                            if (!status.equals("queued") && !status.equals("running")) {
                                outcomes.merge(status, 1, Integer::sum);
                                break;
                            }
                            Thread.sleep(20);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> reader : reading) {
                reader.get();
            }
        } finally {
            readers.shutdownNow();
        }
        return outcomes;
    }

    // ---- at the host agent alone ---------------------------------------------------------------

    /**
     * Warm invocations straight at the agent, on dev's idle warm instance (Hearth destroys
     * instances it does not know, so the bench borrows one it knows and leaves the API alone
     * meanwhile): what the agent and the sandbox add to the function.
     */
    private Map<String, Object> agentOnly(int count) throws Exception {
        Matcher idle = Pattern.compile("\\{[^}]*\"owner\":\"dev\"[^}]*\"state\":\"idle\"[^}]*}")
                .matcher(expect(200, api("GET", "/admin/instances", token("admin"), null, null)).body());
        if (!idle.find()) {
            throw new IllegalStateException("dev has no idle instance to measure at the agent");
        }
        String instanceId = field(idle.group(), "instanceId");
        String sha = field(send(api("GET", "/functions/" + FUNCTION, token("dev"), null, null)).body(), "codeSha256");
        String request = "{\"invocationId\":null,\"functionName\":\"" + FUNCTION + "\",\"codeSha256\":\"" + sha
                + "\",\"runtime\":\"python3\",\"entryPortion\":\"main\",\"portions\":[{\"name\":\"main\",\"path\":\".\","
                + "\"handler\":\"app.handler\",\"trustLevel\":\"untrusted\"}],\"environment\":{},\"limits\":{"
                + "\"memoryMb\":128,\"timeoutMillis\":3000,\"maxProcesses\":32,\"tmpMb\":16},\"event\":\"{}\","
                + "\"credential\":null,\"egressAllowList\":[]}";
        return latencies("agent", count, () -> expect(
                        200, agent("POST", "/v1/instances/" + instanceId + "/invocations", request))
                .body());
    }

    /**
     * Instances booted one after another at the agent. Hearth's next host check (every 2 s)
     * destroys them as unknown; the bench destroys the rest itself.
     */
    private Map<String, Object> bootRate(int count) throws Exception {
        List<Long> nanos = new ArrayList<>();
        List<String> booted = new ArrayList<>();
        long started = System.nanoTime();
        long deadline = started + PHASE_LIMIT.toNanos();
        try {
            while (booted.size() < count && System.nanoTime() < deadline) {
                long one = System.nanoTime();
                String body = expect(201, agent("POST", "/v1/instances", "{\"owner\":null,\"runtime\":\"python3\","
                                + "\"isolation\":\"sandbox\"}"))
                        .body();
                nanos.add(System.nanoTime() - one);
                booted.add(field(body, "instanceId"));
            }
        } finally {
            for (String id : booted) {
                send(agent("DELETE", "/v1/instances/" + id, null));
            }
        }
        double seconds = nanos.stream().mapToLong(Long::longValue).sum() / 1e9;
        Map<String, Object> result = summary(nanos);
        result.put("perSecond", round(booted.size() / seconds));
        return result;
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** TLS that trusts the agent's certificate alone (its SAN names 127.0.0.1). */
    private static SSLContext trusting(Path certificate) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("agent", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
    }

    private static Map<String, Object> progress(String phase, Map<String, Object> result) {
        System.err.println("bench: " + phase + " " + json(result));
        return result;
    }

    private interface Call {
        String run() throws Exception;
    }

    private Map<String, Object> latencies(String what, int count, Call call) throws Exception {
        for (int n = 0; n < Math.min(200, count); n++) {
            call.run();
        }
        List<Long> nanos = new ArrayList<>();
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        while (nanos.size() < count && System.nanoTime() < deadline) {
            long started = System.nanoTime();
            String body = call.run();
            long took = System.nanoTime() - started;
            if (!what.equals("warm") || body.contains("\"startKind\":\"warm\"")) {
                nanos.add(took);
            }
        }
        return summary(nanos);
    }

    private String invoke() throws Exception {
        return expect(200, invokeRequest()).body();
    }

    private HttpRequest.Builder invokeRequest() {
        return invokeRequest(FUNCTION);
    }

    private HttpRequest.Builder invokeRequest(String function) {
        return api("POST", "/functions/" + function + "/invocations", token("dev"), "application/json", "{}");
    }

    /** The authenticated read the warm path is compared with: the function, by its owner's token. */
    private HttpRequest.Builder readRequest(String function) {
        return api("GET", "/functions/" + function, token("dev"), null, null);
    }

    /**
     * The warm path against the authenticated read, each measured at its level of the same run:
     * p50 at {@link #P50_LEVEL} as a factor of the read's, throughput at {@link #RATE_LEVEL} as a
     * share of the read's, each with its target and whether it is met.
     */
    private static Map<String, Object> ratios(Map<String, Object> warm, Map<String, Object> read) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("p50", ratio(warm, read, P50_LEVEL, "p50Ms", "<=", MAX_P50_FACTOR));
        ratios.put("throughput", ratio(warm, read, RATE_LEVEL, "perSecond", ">=", MIN_RATE_SHARE));
        return ratios;
    }

    /** The warm path's {@code figure} at {@code level} divided by the read's, against {@code comparison bound}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> ratio(
            Map<String, Object> warm, Map<String, Object> read, int level, String figure, String comparison, double bound) {
        double warmFigure = (double) ((Map<String, Object>) warm.get("c" + level)).get(figure);
        double readFigure = (double) ((Map<String, Object>) read.get("c" + level)).get(figure);
        double ratio = warmFigure / readFigure;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("concurrency", level);
        result.put("figure", figure);
        result.put("warm", warmFigure);
        result.put("read", readFigure);
        result.put("warmPerRead", round(ratio));
        result.put("target", comparison + " " + bound);
        result.put("met", comparison.equals("<=") ? ratio <= bound : ratio >= bound);
        return result;
    }

    /**
     * The n-th copy's code: the archive with a file that names the copy, so that each copy's code
     * differs as different functions' would (placement takes an idle instance that holds the same
     * code as warm).
     */
    private static byte[] copy(byte[] code, int n) throws IOException {
        if (n == 0) {
            return code;
        }
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(code));
                ZipOutputStream out = new ZipOutputStream(copied)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("bench-copy.txt"));
            out.write(String.valueOf(n).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return copied.toByteArray();
    }

    /** The n-th copy of the function: the first is {@value #FUNCTION}. */
    private static String function(int n) {
        return n == 0 ? FUNCTION : FUNCTION + "-" + n;
    }

    private void setPool(int target) throws Exception {
        expect(200, api("PUT", "/admin/pools/python3", token("admin"), "application/json",
                "{\"warmingTarget\":" + target + ",\"maxPerHost\":" + target + "}"));
        if (target == 0) {
            awaitPool(body -> warming(body) == 0);
        }
    }

    private void awaitWarming(int atLeast) throws Exception {
        awaitPool(body -> warming(body) >= atLeast);
    }

    private void awaitPool(java.util.function.Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.test(expect(200, api("GET", "/admin/pools", token("admin"), null, null)).body())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the python3 warming pool did not settle");
    }

    private static int warming(String poolsJson) {
        Matcher m = Pattern.compile("\\{[^}]*\"runtime\":\"python3\"[^}]*}").matcher(poolsJson);
        if (!m.find()) {
            return 0;
        }
        return Integer.parseInt(field(m.group(), "warming")) + Integer.parseInt(field(m.group(), "booting"));
    }

    private void destroyInstancesOf(String owner) throws Exception {
        String instances = expect(200, api("GET", "/admin/instances", token("admin"), null, null)).body();
        Matcher m = Pattern.compile("\\{[^}]*}").matcher(instances);
        while (m.find()) {
            String instance = m.group();
            if (instance.contains("\"owner\":\"" + owner + "\"")) {
                send(api("DELETE", "/admin/instances/" + field(instance, "instanceId"), token("admin"), null, null));
            }
        }
    }

    /** A demo user's access token; all are fetched again when they are four minutes old (they live five). */
    private String token(String user) {
        if (System.nanoTime() - tokensFetched > Duration.ofMinutes(4).toNanos()) {
            tokens.clear();
            tokensFetched = System.nanoTime();
        }
        return tokens.computeIfAbsent(user, u -> {
            try {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(
                                URI.create(keycloak + "/realms/hearth/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=hearth-cli&scope=openid"
                                + "&username=" + u + "&password=" + u + "-pass")));
                return field(answer.body(), "access_token");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("no token for " + u, e);
            }
        });
    }

    private HttpRequest.Builder api(String method, String path, String token, String type, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (type != null) {
            request.header("Content-Type", type);
        }
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : body instanceof byte[] bytes
                        ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                        : HttpRequest.BodyPublishers.ofString((String) body);
        return request.method(method, publisher);
    }

    private HttpRequest.Builder agent(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(agent + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + agentSecret)
                .header("Content-Type", "application/json");
        return request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> expect(int status, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(request);
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri() + " answered "
                    + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*(\"([^\"]*)\"|[-0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    private static Map<String, Object> summary(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", sorted.length);
        result.put("p50Ms", percentile(sorted, 50));
        result.put("p90Ms", percentile(sorted, 90));
        result.put("p99Ms", percentile(sorted, 99));
        result.put("maxMs", sorted.length == 0 ? 0 : round(sorted[sorted.length - 1] / 1e6));
        return result;
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return round(sorted[Math.max(0, index)] / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> members = new ArrayList<>();
            map.forEach((k, v) -> members.add("\"" + k + "\":" + json(v)));
            return "{" + String.join(",", members) + "}";
        }
        if (value instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(value);
    }

    // ---- the markdown table --------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    /** How long the JIT took to settle before the levels (a line under the table). */
    private static String settlingMarkdown(Map<String, Object> settling) {
        List<?> shares = (List<?>) settling.get("jitPercentOfMachinePerTurn");
        return (Boolean.TRUE.equals(settling.get("settled")) ? "The JIT settled after " : "The JIT had not settled after ")
                + settling.get("seconds") + " s of the read and the warm invocation in turns (the JIT compilers' share of"
                + " the machine: " + shares.get(0) + " % in the first turn, " + shares.get(shares.size() - 1)
                + " % in the last); the levels from concurrency 1 on were measured after it.\n\n";
    }

    private static String markdown(Map<String, Object> report) {
        StringBuilder md = new StringBuilder();
        md.append("| measurement | count | p50 ms | p90 ms | p99 ms | per second | target |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        row(md, "warm, end to end", (Map<String, Object>) report.get("warm"), "p50 < 5 ms, p99 < 20 ms");
        row(md, "warming-pool hit, end to end", (Map<String, Object>) report.get("warmingPoolHit"), "p50 < 50 ms");
        row(md, "cold, end to end", (Map<String, Object>) report.get("cold"), "bounded by the boot");
        Map<String, Object> throughput = (Map<String, Object>) report.get("throughput");
        Map<String, Object> read = (Map<String, Object>) report.get("read");
        for (int c : CONCURRENCY) {
            Map<String, Object> readLevel = (Map<String, Object>) read.get("c" + c);
            if (readLevel != null) {
                row(md, "authenticated read at concurrency " + c + " (refused: " + readLevel.get("refused") + ")",
                        readLevel, "");
            }
            Map<String, Object> level = (Map<String, Object>) throughput.get("c" + c);
            row(md, "warm at concurrency " + c + " (refused: " + level.get("refused") + ")", level,
                    c == 16 ? ">= 500/s" : "");
        }
        Map<String, Object> async = (Map<String, Object>) report.get("async");
        if (async != null) {
            row(md, "async: accepted at concurrency " + async.get("concurrency") + " (202; per second: accepted)",
                    Map.of("count", async.get("count"), "p50Ms", async.get("p50Ms"), "p90Ms", async.get("p90Ms"),
                            "p99Ms", async.get("p99Ms"), "perSecond", async.get("acceptedPerSecond")), "");
            row(md, "async: completed (per second: from the first acceptance to the last end; " + async.get("outcomes")
                    + ")", Map.of("count", "", "p50Ms", "", "p90Ms", "", "p99Ms", "", "perSecond",
                    async.get("completedPerSecond")), "");
        }
        auxiliaryRows(md, "auxiliary", (Map<String, Object>) report.get("auxiliary"));
        auxiliaryRows(md, "auxiliary from Node.js", (Map<String, Object>) report.get("auxiliaryNode"));
        row(md, "warm, at the host agent alone", (Map<String, Object>) report.get("agent"), "p50 < 1 ms");
        row(md, "instance boot at the agent", (Map<String, Object>) report.get("bootRate"), "");
        return md + "\n" + settlingMarkdown((Map<String, Object>) report.get("settling")) + ratiosMarkdown(report);
    }

    /** The rows of one auxiliary function's measurement ({@link #auxiliary}), each named after {@code what}. */
    @SuppressWarnings("unchecked")
    private static void auxiliaryRows(StringBuilder md, String what, Map<String, Object> auxiliary) {
        if (auxiliary == null) {
            return;
        }
        row(md, what + ": warm invocation making the four calls below, end to end",
                (Map<String, Object>) auxiliary.get("warm"), "");
        row(md, what + ": the container's relay and the agent's proxy alone (a CONNECT the proxy refuses)",
                (Map<String, Object>) auxiliary.get("relay"), "");
        row(md, what + ": one key-value put, timed by the function", (Map<String, Object>) auxiliary.get("kvPut"),
                "p50 < 5 ms");
        row(md, what + ": one key-value read, timed by the function", (Map<String, Object>) auxiliary.get("kvGet"), "");
        row(md, what + ": one log post, timed by the function", (Map<String, Object>) auxiliary.get("log"),
                "p50 < 5 ms");
    }

    /** The ratios of the warm path to the authenticated read (issue 17), as a table. */
    @SuppressWarnings("unchecked")
    private static String ratiosMarkdown(Map<String, Object> report) {
        Map<String, Object> ratios = (Map<String, Object>) report.get("ratios");
        return "| warm invocation against the authenticated read, same run | warm | read | warm / read | target | result |\n"
                + "| --- | ---: | ---: | ---: | --- | --- |\n"
                + ratioRow("p50", " ms", (Map<String, Object>) ratios.get("p50"))
                + ratioRow("throughput", "/s", (Map<String, Object>) ratios.get("throughput"));
    }

    private static String ratioRow(String name, String unit, Map<String, Object> ratio) {
        return String.format(
                Locale.ROOT,
                "| %s at concurrency %s | %s%s | %s%s | %s | %s | %s |%n",
                name,
                ratio.get("concurrency"),
                ratio.get("warm"),
                unit,
                ratio.get("read"),
                unit,
                ratio.get("warmPerRead"),
                ratio.get("target"),
                Boolean.TRUE.equals(ratio.get("met")) ? "met" : "not met");
    }

    private static void row(StringBuilder md, String name, Map<String, Object> m, String target) {
        if (m == null) {
            return;   // not measured in a spread run
        }
        md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %s |%n",
                name,
                m.get("count"),
                m.get("p50Ms"),
                m.get("p90Ms"),
                m.get("p99Ms"),
                m.getOrDefault("perSecond", ""),
                target));
    }
}
