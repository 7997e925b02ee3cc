package dev.hearth.hypervisor.host.qemu;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.InvokeResult;
import dev.hearth.hypervisor.api.wire.ResourceLimits;
import dev.hearth.hypervisor.host.driver.ContainerState;
import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.DriverInstance;
import dev.hearth.hypervisor.host.driver.EventSink;
import dev.hearth.hypervisor.host.driver.Invocation;
import dev.hearth.hypervisor.host.driver.Outcome;
import dev.hearth.hypervisor.host.runtimeapi.PendingEvent;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeApiServer;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeReply;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A VM instance: one QEMU process, its guest agent on the other end of a {@link GuestLink}, and
 * the instance's Runtime API server on the host. A function's runtime runs in the guest (its
 * code shared read-only at {@code /var/task}); it is reused while invocations name the same
 * code, runtime, handler, environment and limits, and replaced otherwise. A limit the runtime
 * hits (timeout, memory, processes) ends the runtime, not the VM; a guest that stops answering
 * is killed, and the instance is dead.
 */
final class QemuInstance implements DriverInstance {

    /** How long a runtime may take to start under TCG before it first asks for work. */
    static final long INIT_TIMEOUT_MILLIS = 20_000;

    /** How long the guest may take to report a runtime it was told to stop as ended. */
    static final long STOP_TIMEOUT_MILLIS = 5_000;

    /** The guest's own share of the VM's memory (kernel, guest agent); the runtime gets the rest. */
    static final int GUEST_RESERVED_MB = 96;

    static final int RUNTIME_API_PORT = 9001;
    static final String TASK_ROOT = "/var/task";
    static final String RUNTIMES_ROOT = "/opt/hearth";
    static final String CREDENTIAL_FILE = "/run/hearth/credential";

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.qemu");

    /** What a runtime was started for; an invocation that differs in any part needs a new one. */
    record RuntimeKey(
            String codeSha256,
            String runtime,
            String functionName,
            String portionPath,
            String handler,
            boolean trusted,
            Map<String, String> environment,
            ResourceLimits limits) {

        static RuntimeKey of(Invocation invocation) {
            InvokeRequest request = invocation.request();
            return new RuntimeKey(
                    request.codeSha256(),
                    request.runtime(),
                    request.functionName(),
                    invocation.entry().path() == null
                            ? ""
                            : Path.of(invocation.entry().path())
                                    .normalize()
                                    .toString()
                                    .replaceFirst("^\\.$", ""),
                    invocation.entry().handler(),
                    "trusted".equals(invocation.entry().trustLevel()),
                    request.environment() == null ? Map.of() : Map.copyOf(request.environment()),
                    request.limits());
        }

        String workingDir() {
            return portionPath.isEmpty() ? TASK_ROOT : TASK_ROOT + "/" + portionPath;
        }
    }

    /** How the guest reported a runtime's end: its exit status and its cgroup's counters. */
    record Exit(int status, boolean stopped, long oomKills, long forksRefused) {}

    /** A runtime in the guest, as the host tracks it. */
    private static final class Runtime {
        final int id;
        final RuntimeKey key;
        final RuntimeSession session = new RuntimeSession();
        final CompletableFuture<String> started = new CompletableFuture<>();
        final CompletableFuture<Exit> exited = new CompletableFuture<>();
        volatile ContainerState state;

        Runtime(int id, RuntimeKey key) {
            this.id = id;
            this.key = key;
            this.state = new ContainerState.Starting(System.nanoTime());
        }

        boolean serves(RuntimeKey wanted) {
            return key.equals(wanted) && state instanceof ContainerState.Idle && !exited.isDone();
        }
    }

    private final String id;
    private final Path dir;
    private final Process qemu;
    private final Path qmpSocket;
    private final RuntimeApiServer runtimeApi;
    private final EventSink events;
    private final int runtimeMemoryMb;
    private final LogTail logs = new LogTail();
    private final CompletableFuture<Void> guestReady = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock(true);
    private final QemuDriver driver;
    private volatile GuestLink link;
    private volatile Runtime runtime;
    /** The runtimes whose end the guest has not reported yet, by id. */
    private final Map<Integer, Runtime> unfinished = new ConcurrentHashMap<>();

    private int runtimesStarted;
    private volatile boolean destroyed;

    private QemuInstance(
            String id,
            Path dir,
            Process qemu,
            Path qmpSocket,
            RuntimeApiServer runtimeApi,
            EventSink events,
            int runtimeMemoryMb,
            QemuDriver driver) {
        this.id = id;
        this.dir = dir;
        this.qemu = qemu;
        this.qmpSocket = qmpSocket;
        this.runtimeApi = runtimeApi;
        this.events = events;
        this.runtimeMemoryMb = runtimeMemoryMb;
        this.driver = driver;
    }

    /**
     * Starts QEMU and waits until the guest agent says it is ready. The caller removes {@code dir}
     * when this fails.
     */
    static QemuInstance boot(String id, Path dir, QemuDriver driver, EventSink events, long bootTimeoutMillis)
            throws DriverException, IOException, InterruptedException {
        Path taskDir = Files.createDirectories(dir.resolve("task"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(taskDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path linkSocket = dir.resolve("link.sock");
        Path qmpSocket = dir.resolve("qmp.sock");
        Path consoleLog = dir.resolve("console.log");
        QemuCommand.Spec spec = driver.spec(taskDir, linkSocket, qmpSocket, consoleLog);
        RuntimeApiServer runtimeApi = RuntimeApiServer.start(dir.resolve("runtime.sock"), "vm-" + id, null);
        Process qemu = null;
        QemuInstance instance = null;
        try (ServerSocketChannel linkServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            linkServer.bind(UnixDomainSocketAddress.of(linkSocket));
            qemu = new ProcessBuilder(QemuCommand.argv(spec))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(dir.resolve("qemu.log").toFile()))
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .start();
            Files.writeString(dir.resolve("qemu.pid"), Long.toString(qemu.pid()));
            SocketChannel channel = accept(linkServer, qemu);
            instance = new QemuInstance(
                    id, dir, qemu, qmpSocket, runtimeApi, events, spec.memoryMb() - GUEST_RESERVED_MB, driver);
            instance.link = GuestLink.start(channel, runtimeApi.socket(), instance.new Events(), id);
            await(CompletableFuture.anyOf(instance.guestReady, qemu.onExit()), bootTimeoutMillis);
            if (!instance.guestReady.isDone()) {
                throw new DriverException("the VM of instance " + id
                        + (qemu.isAlive()
                                ? " did not boot in " + bootTimeoutMillis + " ms"
                                : " stopped while booting (QEMU's status " + qemu.exitValue() + ")")
                        + diagnosis(dir));
            }
            return instance;
        } catch (DriverException | IOException | InterruptedException | RuntimeException e) {
            if (instance != null && instance.link != null) {
                instance.destroyed = true;
                instance.link.close();
            }
            if (qemu != null) {
                qemu.destroyForcibly();
                qemu.waitFor(2, TimeUnit.SECONDS);
            }
            runtimeApi.close();
            throw e;
        }
    }

    /** Waits for QEMU to connect the guest's port (it does so at start, before the guest runs). */
    private static SocketChannel accept(ServerSocketChannel server, Process qemu)
            throws IOException, DriverException, InterruptedException {
        server.configureBlocking(false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && qemu.isAlive()) {
            SocketChannel channel = server.accept();
            if (channel != null) {
                channel.configureBlocking(true);
                return channel;
            }
            Thread.sleep(5);
        }
        throw new DriverException("QEMU did not connect the guest link");
    }

    /** The last lines QEMU and the guest's console wrote, for an error message. */
    static String diagnosis(Path dir) {
        StringBuilder text = new StringBuilder();
        for (String file : List.of("qemu.log", "console.log")) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(file), UTF_8);
                lines.subList(Math.max(0, lines.size() - 3), lines.size()).stream()
                        .filter(line -> !line.isBlank())
                        .forEach(line -> text.append(" | ").append(line.strip()));
            } catch (IOException e) {
                // Not written yet.
            }
        }
        return text.length() == 0 ? "" : ":" + text;
    }

    /** Reacts to what the guest says without being asked; runs on the link's reader thread. */
    private final class Events implements GuestLink.Listener {
        @Override
        public void control(JsonObject message) {
            String op = message.getString("op", "");
            if (op.equals("ready")) {
                guestReady.complete(null);
                return;
            }
            Runtime current = unfinished.get(message.getInt("runtime", -1));
            if (current == null) {
                return;
            }
            switch (op) {
                case "started" -> current.started.complete(null);
                case "failed" -> current.started.complete(message.getString("error", "the guest refused"));
                case "exited" -> {
                    Exit exit = new Exit(
                            message.getInt("status", -1),
                            message.getBoolean("stopped", false),
                            message.getJsonNumber("oomKills").longValue(),
                            message.getJsonNumber("forksRefused").longValue());
                    unfinished.remove(current.id);
                    current.exited.complete(exit);
                    if (!exit.stopped() && !(current.state instanceof ContainerState.Busy)) {
                        events.publish(EventSink.CONTAINER_EXITED, id, "the runtime in the VM exited");
                    }
                }
                default -> LOG.log(System.Logger.Level.DEBUG, "ignoring guest message " + message);
            }
        }

        @Override
        public void log(int runtimeId, byte[] bytes) {
            logs.append(bytes);
        }

        @Override
        public void closed() {
            if (!destroyed) {
                LOG.log(System.Logger.Level.WARNING, "the guest of instance " + id + " went away" + diagnosis(dir));
            }
        }
    }

    @Override
    public InvokeResult invoke(Invocation invocation) throws DriverException, InterruptedException {
        lock.lockInterruptibly();
        try {
            if (!alive()) {
                throw new DriverException("instance " + id + " is not running");
            }
            RuntimeKey wanted = RuntimeKey.of(invocation);
            InvokeResult refused = refusal(invocation, wanted);
            if (refused != null) {
                return refused;
            }
            boolean created = false;
            long initMillis = 0;
            if (runtime == null || !runtime.serves(wanted)) {
                stopRuntime();
                long started = System.nanoTime();
                long mark = logs.mark();
                Runtime next = startRuntime(invocation, wanted);
                InitFailure failure = awaitInit(next);
                initMillis = (System.nanoTime() - started) / 1_000_000;
                if (failure != null) {
                    stopRuntime();
                    return result(invocation, failure.outcome(), failure.document(), true, initMillis, 0, mark);
                }
                created = true;
            }
            return run(invocation, runtime, created, initMillis);
        } finally {
            lock.unlock();
        }
    }

    /** An invocation this VM cannot run as asked, answered as a failed init; null when it can. */
    private InvokeResult refusal(Invocation invocation, RuntimeKey wanted) {
        String reason = null;
        if (invocation.request().portions().size() > 1) {
            reason = "the qemu driver runs functions of one portion";
        } else if (wanted.limits().memoryMb() > runtimeMemoryMb) {
            reason = "the function asks for " + wanted.limits().memoryMb() + " MB; this host's VMs give at most "
                    + runtimeMemoryMb + " MB";
        }
        return reason == null
                ? null
                : result(
                        invocation,
                        Outcome.INIT_ERROR,
                        RuntimeApiServer.error(reason, "Hearth.Unsupported"),
                        false,
                        0,
                        0,
                        logs.mark());
    }

    private Runtime startRuntime(Invocation invocation, RuntimeKey key) throws DriverException {
        Runtime next = new Runtime(++runtimesStarted, key);
        try {
            String code =
                    driver.stageCode(dir.resolve("task"), invocation.request().codeSha256(), invocation.codeDir());
            runtimeApi.attach(next.session);
            runtime = next;
            unfinished.put(next.id, next);
            JsonObjectBuilder environment = Json.createObjectBuilder();
            environment(key).forEach(environment::add);
            ResourceLimits limits = key.limits();
            link.control(Json.createObjectBuilder()
                    .add("op", "start")
                    .add("runtime", next.id)
                    .add("argv", Json.createArrayBuilder(command(key)))
                    .add("env", environment)
                    .add("cwd", key.workingDir())
                    .add("memoryBytes", (long) limits.memoryMb() << 20)
                    .add("maxProcesses", limits.maxProcesses())
                    .add("tmpBytes", (long) limits.tmpMb() << 20)
                    .add("code", code)
                    .add("port", RUNTIME_API_PORT)
                    .build());
            return next;
        } catch (IOException e) {
            throw new DriverException("cannot start the runtime in instance " + id + ": " + e.getMessage(), e);
        }
    }

    /** Why a runtime did not come to ask for work: a failed init, or one that took too long. */
    record InitFailure(Outcome outcome, String document) {}

    /** Null once the runtime asks for work, else how its init failed. */
    private InitFailure awaitInit(Runtime next) throws InterruptedException {
        RuntimeSession session = next.session;
        await(
                CompletableFuture.anyOf(session.ready(), session.initError(), next.exited, refusedStart(next)),
                INIT_TIMEOUT_MILLIS);
        if (session.ready().isDone() && !session.initError().isDone() && !next.exited.isDone()) {
            next.state = next.state.initialised(System.nanoTime());
            return null;
        }
        String refused = next.started.getNow(null);
        Exit exit = next.exited.getNow(null);
        if (session.initError().isDone()) {
            return new InitFailure(Outcome.INIT_ERROR, session.initError().getNow(""));
        }
        if (refused != null || exit != null) {
            String reason = refused != null
                    ? "the guest could not start the runtime: " + refused
                    : "Runtime exited with status " + exit.status() + " before asking for work";
            Outcome outcome = Outcome.ofFailure(
                    exit != null && exit.oomKills() > 0, exit != null && exit.forksRefused() > 0, false, false, true);
            return new InitFailure(outcome, initError(reason, outcome));
        }
        String reason = "the runtime did not ask for work within " + INIT_TIMEOUT_MILLIS + " ms";
        return new InitFailure(Outcome.TIMED_OUT, initError(reason, Outcome.TIMED_OUT));
    }

    private static String initError(String reason, Outcome outcome) {
        return RuntimeApiServer.error(reason.replace("\"", "'"), "Sandbox." + outcome.wireName());
    }

    /** Completes when the guest refused to start the runtime. */
    private static CompletableFuture<Object> refusedStart(Runtime next) {
        CompletableFuture<Object> refused = new CompletableFuture<>();
        next.started.thenAccept(error -> {
            if (error != null) {
                refused.complete(error);
            }
        });
        return refused;
    }

    private InvokeResult run(Invocation invocation, Runtime current, boolean created, long initMillis)
            throws DriverException, InterruptedException {
        InvokeRequest request = invocation.request();
        long timeout = request.limits().timeoutMillis();
        long mark = logs.mark();
        handCredential(current.key.trusted() ? request.credential() : null);
        long deadline = System.currentTimeMillis() + timeout;
        current.state = current.state.busy(invocation.requestId());
        long started = System.nanoTime();
        CompletableFuture<RuntimeReply> reply = current.session.submit(new PendingEvent(
                invocation.requestId(),
                request.event() == null ? "{}" : request.event(),
                deadline,
                "arn:aws:lambda:hearth:000000000000:function:" + request.functionName(),
                "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 24) + ";Sampled=0"));
        await(CompletableFuture.anyOf(reply, current.exited), timeout);
        long runMillis = (System.nanoTime() - started) / 1_000_000;
        RuntimeReply answer = reply.getNow(null);
        handCredential(null);
        if (answer != null) {
            current.state = current.state.done();
            Outcome outcome = answer.error() ? Outcome.ERROR : Outcome.SUCCESS;
            return result(invocation, outcome, answer.body(), created, initMillis, runMillis, mark);
        }
        current.session.abandon(invocation.requestId());
        boolean timedOut = !current.exited.isDone();
        Exit exit = timedOut ? stopRuntime() : current.exited.getNow(null);
        runtime = null;
        Outcome outcome = Outcome.ofFailure(
                exit != null && exit.oomKills() > 0, exit != null && exit.forksRefused() > 0, timedOut, false, false);
        if (outcome == Outcome.TIMED_OUT) {
            events.publish(EventSink.TIMED_OUT, id, "invocation " + invocation.requestId() + " timed out");
        } else if (outcome == Outcome.MEMORY_LIMIT_EXCEEDED) {
            events.publish(EventSink.OUT_OF_MEMORY, id, "invocation " + invocation.requestId() + " ran out of memory");
        }
        String message =
                switch (outcome) {
                    case TIMED_OUT -> "Task timed out after " + timeout + " ms";
                    case MEMORY_LIMIT_EXCEEDED -> "Runtime exited: out of memory (limit "
                            + request.limits().memoryMb() + " MB)";
                    case PROCESS_LIMIT_EXCEEDED -> "Runtime exited: process limit reached";
                    default -> "Runtime exited with status " + (exit == null ? "unknown" : exit.status());
                };
        return result(
                invocation,
                outcome,
                RuntimeApiServer.error(message, "Sandbox." + outcome.wireName()),
                created,
                initMillis,
                runMillis,
                mark);
    }

    /** Replaces (or, with null, removes) the runtime's credential file in the guest. */
    private void handCredential(String credential) throws DriverException {
        Runtime current = runtime;
        if (current == null || !current.key.trusted()) {
            return;
        }
        try {
            JsonObjectBuilder message = Json.createObjectBuilder().add("op", "credential");
            message = credential == null ? message.addNull("value") : message.add("value", credential);
            link.control(message.build());
        } catch (IOException e) {
            throw new DriverException("cannot hand the credential to instance " + id, e);
        }
    }

    private InvokeResult result(
            Invocation invocation,
            Outcome outcome,
            String payload,
            boolean created,
            long initMillis,
            long runMillis,
            long logMark) {
        return new InvokeResult(
                invocation.requestId(),
                outcome.wireName(),
                payload,
                created,
                initMillis,
                runMillis,
                logs.tailSince(logMark));
    }

    /**
     * Stops the current runtime, if any, and waits for the guest to report its end; kills the VM
     * when the guest does not answer. Returns what the guest reported, or null.
     */
    private Exit stopRuntime() throws InterruptedException {
        Runtime current = runtime;
        runtime = null;
        if (current == null) {
            return null;
        }
        current.session.close();
        if (!current.exited.isDone() && !link.closed()) {
            try {
                link.control(Json.createObjectBuilder()
                        .add("op", "stop")
                        .add("runtime", current.id)
                        .build());
            } catch (IOException e) {
                // The link is gone; the wait below fails and the VM is killed.
            }
            await(current.exited, STOP_TIMEOUT_MILLIS);
        }
        if (!current.exited.isDone()) {
            LOG.log(System.Logger.Level.WARNING, "the guest of instance " + id + " does not answer: killing it");
            qemu.destroyForcibly();
        }
        current.state = current.state.exited("stopped");
        return current.exited.getNow(null);
    }

    /** The runtime's command line in the guest: the same runtime loops as in a sandbox. */
    static List<String> command(RuntimeKey key) {
        return switch (key.runtime()) {
            case "provided" -> List.of(key.workingDir() + "/bootstrap");
            case "python3" -> List.of("/usr/bin/python3", "-B", RUNTIMES_ROOT + "/python3/bootstrap.py");
            case "nodejs" -> List.of("/usr/bin/node", RUNTIMES_ROOT + "/nodejs/bootstrap.js");
            default -> throw new IllegalArgumentException("unknown runtime " + key.runtime());
        };
    }

    /** The Lambda variables a runtime expects, after the function's own (ours win). */
    static Map<String, String> environment(RuntimeKey key) {
        Map<String, String> env = new java.util.LinkedHashMap<>(key.environment());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", "/tmp");
        env.put("LANG", "C.UTF-8");
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + RUNTIME_API_PORT);
        env.put("_HANDLER", key.handler());
        env.put("LAMBDA_TASK_ROOT", TASK_ROOT);
        env.put("HEARTH_PORTION_ROOT", key.workingDir());
        env.put("HEARTH_TRUST_LEVEL", key.trusted() ? "trusted" : "untrusted");
        env.put("AWS_LAMBDA_FUNCTION_NAME", key.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(key.limits().memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        if (key.trusted()) {
            env.put("HEARTH_CREDENTIAL_FILE", CREDENTIAL_FILE);
        }
        return env;
    }

    private static void await(CompletableFuture<?> future, long timeoutMillis) throws InterruptedException {
        try {
            future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // The caller reads what happened from the futures.
        }
    }

    /** The QEMU process's id, for measuring it. */
    long pid() {
        return qemu.pid();
    }

    @Override
    public boolean alive() {
        return !destroyed && qemu.isAlive() && link != null && !link.closed();
    }

    @Override
    public void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        Runtime current = runtime;
        if (current != null) {
            current.session.close();
        }
        if (qemu.isAlive()) {
            CompletableFuture<Void> quit = CompletableFuture.runAsync(() -> {
                try {
                    Qmp.execute(qmpSocket, "quit");
                } catch (IOException e) {
                    // Killed below.
                }
            });
            try {
                quit.get(1, TimeUnit.SECONDS);
                qemu.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Killed below.
            }
            qemu.destroyForcibly();
        }
        if (link != null) {
            link.close();
        }
        runtimeApi.close();
        driver.forget(id);
    }
}
