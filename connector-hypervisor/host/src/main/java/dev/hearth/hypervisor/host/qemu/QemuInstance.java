package dev.hearth.hypervisor.host.qemu;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.InvokeResult;
import dev.hearth.hypervisor.api.wire.PortionSpec;
import dev.hearth.hypervisor.api.wire.ResourceLimits;
import dev.hearth.hypervisor.host.driver.ContainerKey;
import dev.hearth.hypervisor.host.driver.ContainerState;
import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.DriverInstance;
import dev.hearth.hypervisor.host.driver.EventSink;
import dev.hearth.hypervisor.host.driver.Invocation;
import dev.hearth.hypervisor.host.driver.Outcome;
import dev.hearth.hypervisor.host.driver.RuntimeContract;
import dev.hearth.hypervisor.host.driver.Workload;
import dev.hearth.hypervisor.host.runtimeapi.PendingEvent;
import dev.hearth.hypervisor.host.runtimeapi.PortionCalls;
import dev.hearth.hypervisor.host.runtimeapi.PortionCalls.PortionAnswer;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeApiServer;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeReply;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeSession;
import dev.hearth.hypervisor.host.threads.ThreadPlacement;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A VM instance: one QEMU process and its guest agent on the other end of a {@link GuestLink}.
 * The guest runs one container per portion of the function (its own uid, namespaces and cgroup;
 * see {@code qemu/guest-agent.py}), each with its own Runtime API server on the host; the code is
 * shared read-only at {@code /var/task}. The entry portion gets the invocation's event and
 * reaches the other portions only through {@link PortionCalls}; trusted portions alone get the
 * invocation's credential. The containers are reused while invocations name the same code,
 * runtime, portions, environment and limits, and replaced otherwise. A limit a container hits
 * (timeout, memory, processes) ends the containers, not the VM; a guest that stops answering is
 * killed, and the instance is dead.
 */
final class QemuInstance implements DriverInstance {

    /** How long the runtimes may take to start under TCG before they all ask for work. */
    static final long INIT_TIMEOUT_MILLIS = 20_000;

    /** How long the guest may take to report a container it was told to stop as ended. */
    static final long STOP_TIMEOUT_MILLIS = 5_000;

    /** The guest's own share of the VM's memory (kernel, guest agent); the containers get the rest. */
    static final int GUEST_RESERVED_MB = 96;

    /** Processes of a container that are not the function's: its init, and its set-up while it starts. */
    static final int PROCESS_OVERHEAD = 2;

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.qemu");

    /** How the guest reported a container's end: its exit status and its cgroup's counters. */
    record Exit(int status, boolean stopped, long oomKills, long forksRefused) {

        /** The limit the container's cgroup saw hit; none when the guest did not report its end. */
        static Outcome.LimitHit limitHit(Exit exit) {
            return exit == null ? Outcome.LimitHit.NONE : Outcome.LimitHit.of(exit.oomKills(), exit.forksRefused());
        }

        Outcome limit() {
            return oomKills > 0
                    ? Outcome.MEMORY_LIMIT_EXCEEDED
                    : forksRefused > 0 ? Outcome.PROCESS_LIMIT_EXCEEDED : null;
        }
    }

    /** One portion's container in the guest, as the host tracks it. */
    private static final class Container {
        final int id;
        final PortionSpec spec;
        final RuntimeApiServer runtimeApi;
        final RuntimeSession session = new RuntimeSession();
        final CompletableFuture<String> started = new CompletableFuture<>();
        final CompletableFuture<Exit> exited = new CompletableFuture<>();
        volatile ContainerState state;

        Container(int id, PortionSpec spec, RuntimeApiServer runtimeApi) {
            this.id = id;
            this.spec = spec;
            this.runtimeApi = runtimeApi;
            this.state = new ContainerState.Starting(System.nanoTime());
            runtimeApi.attach(session);
        }

        boolean trusted() {
            return "trusted".equals(spec.trustLevel());
        }

        boolean idle() {
            return state instanceof ContainerState.Idle && !exited.isDone();
        }
    }

    /** The running invocation, as portion calls need it: they are part of it. */
    private final String id;

    private final Path dir;
    private final Process qemu;
    private final Path qmpSocket;
    private final EventSink events;
    private final int runtimeMemoryMb;
    private final LogTail logs = new LogTail();
    private final CompletableFuture<Void> guestReady = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock(true);
    private final QemuDriver driver;
    private volatile GuestLink link;
    /** The running containers by portion name; empty between functions. */
    private volatile Map<String, Container> containers = Map.of();
    /** The containers whose end the guest has not reported yet, by id. */
    private final Map<Integer, Container> unfinished = new ConcurrentHashMap<>();

    private volatile PortionCalls.Running current;
    private ContainerKey key;
    private int containersStarted;
    private volatile boolean destroyed;

    private QemuInstance(
            String id,
            Path dir,
            Process qemu,
            Path qmpSocket,
            EventSink events,
            int runtimeMemoryMb,
            QemuDriver driver) {
        this.id = id;
        this.dir = dir;
        this.qemu = qemu;
        this.qmpSocket = qmpSocket;
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
            instance = new QemuInstance(id, dir, qemu, qmpSocket, events, spec.memoryMb() - GUEST_RESERVED_MB, driver);
            instance.link = GuestLink.start(channel, instance.new Events(), id);
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
            Container container = unfinished.get(message.getInt("runtime", -1));
            if (container == null) {
                return;
            }
            switch (op) {
                case "started" -> container.started.complete(null);
                case "failed" -> container.started.complete(message.getString("error", "the guest refused"));
                case "exited" -> {
                    Exit exit = new Exit(
                            message.getInt("status", -1),
                            message.getBoolean("stopped", false),
                            message.getJsonNumber("oomKills").longValue(),
                            message.getJsonNumber("forksRefused").longValue());
                    unfinished.remove(container.id);
                    container.exited.complete(exit);
                    if (!exit.stopped() && !(container.state instanceof ContainerState.Busy)) {
                        events.publish(
                                EventSink.CONTAINER_EXITED,
                                id,
                                "the container of portion " + container.spec.name() + " exited");
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
        public Path runtimeApiSocket(int runtimeId) {
            Container container = unfinished.get(runtimeId);
            return container == null ? null : container.runtimeApi.socket();
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
            ContainerKey wanted = ContainerKey.of(invocation);
            InvokeResult refused = refusal(invocation, wanted);
            if (refused != null) {
                return refused;
            }
            boolean created = false;
            long initMillis = 0;
            if (!serves(wanted)) {
                stopAll();
                long started = System.nanoTime();
                long mark = logs.mark();
                startAll(invocation, wanted);
                for (Container container : containers.values()) {
                    long left = INIT_TIMEOUT_MILLIS - (System.nanoTime() - started) / 1_000_000;
                    InitFailure failure = awaitInit(container, Math.max(1, left));
                    if (failure != null) {
                        stopAll();
                        initMillis = (System.nanoTime() - started) / 1_000_000;
                        return result(invocation, failure.outcome(), failure.document(), true, initMillis, 0, mark);
                    }
                }
                initMillis = (System.nanoTime() - started) / 1_000_000;
                created = true;
            }
            return run(invocation, created, initMillis);
        } finally {
            lock.unlock();
        }
    }

    private boolean serves(ContainerKey wanted) {
        return !containers.isEmpty()
                && wanted.equals(key)
                && containers.values().stream().allMatch(Container::idle);
    }

    /** An invocation this VM cannot run as asked, answered as a failed init; null when it can. */
    private InvokeResult refusal(Invocation invocation, ContainerKey wanted) {
        int portions = wanted.portions().size();
        long memoryMb = (long) wanted.limits().memoryMb() * portions;
        String reason = null;
        if (portions > GuestImage.MAX_CONTAINERS) {
            reason = "the qemu driver runs at most " + GuestImage.MAX_CONTAINERS + " portions";
        } else if (memoryMb > runtimeMemoryMb) {
            reason = "the function asks for " + memoryMb + " MB (" + portions + " portions of "
                    + wanted.limits().memoryMb() + " MB); this host's VMs give at most " + runtimeMemoryMb + " MB";
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

    /** Starts one container per portion, the entry's able to call the others; on failure, none is left. */
    private void startAll(Invocation invocation, ContainerKey wanted) throws DriverException, InterruptedException {
        Map<String, Container> started = new LinkedHashMap<>();
        try {
            List<PortionSpec> portions = wanted.portions();
            for (int index = 0; index < portions.size(); index++) {
                PortionSpec spec = portions.get(index);
                String code = driver.stageCode(
                        dir.resolve("task"), invocation.request().codeSha256(), spec, invocation.codeDir());
                started.put(spec.name(), startContainer(wanted, spec, GuestImage.RUNTIME_UID + index, code));
            }
        } catch (IOException e) {
            containers = Map.copyOf(started);
            stopAll();
            throw new DriverException("cannot start the containers in instance " + id + ": " + e.getMessage(), e);
        }
        containers = Map.copyOf(started);
        key = wanted;
    }

    private Container startContainer(ContainerKey key, PortionSpec spec, int uid, String code) throws IOException {
        int containerId = ++containersStarted;
        PortionCalls calls = spec.name().equals(key.entryPortion()) ? (n, e) -> callPortion(key, n, e) : null;
        RuntimeApiServer runtimeApi =
                // QEMU's own process is in no cgroup of the agent's: the threads stay in the agent's.
                RuntimeApiServer.start(
                        dir.resolve("api-" + containerId + ".sock"),
                        id + "-" + containerId,
                        calls,
                        ThreadPlacement.AGENTS_OWN);
        Container container = new Container(containerId, spec, runtimeApi);
        unfinished.put(containerId, container);
        Workload workload = Workload.of(key, spec);
        JsonObjectBuilder environment = Json.createObjectBuilder();
        // No proxy and no HEARTH_AUX_URL: the guest has no network device (ADR 7).
        RuntimeContract.environment(workload).forEach(environment::add);
        ResourceLimits limits = key.limits();
        try {
            link.control(Json.createObjectBuilder()
                    .add("op", "start")
                    .add("runtime", containerId)
                    .add("uid", uid)
                    .add("argv", Json.createArrayBuilder(RuntimeContract.command(workload)))
                    .add("env", environment)
                    .add("cwd", RuntimeContract.portionRoot(workload))
                    .add("memoryBytes", (long) limits.memoryMb() << 20)
                    .add("maxProcesses", limits.maxProcesses() + PROCESS_OVERHEAD)
                    .add("tmpBytes", (long) limits.tmpMb() << 20)
                    .add("code", code)
                    .add("port", RuntimeContract.RUNTIME_API_PORT)
                    .build());
        } catch (IOException e) {
            unfinished.remove(containerId);
            runtimeApi.close();
            throw e;
        }
        return container;
    }

    /** Why a runtime did not come to ask for work: a failed init, or one that took too long. */
    record InitFailure(Outcome outcome, String document) {}

    /** Null once the container's runtime asks for work, else how its init failed. */
    private InitFailure awaitInit(Container container, long timeoutMillis) throws InterruptedException {
        RuntimeSession session = container.session;
        await(
                CompletableFuture.anyOf(
                        session.ready(), session.initError(), container.exited, refusedStart(container)),
                timeoutMillis);
        if (session.ready().isDone() && !session.initError().isDone() && !container.exited.isDone()) {
            container.state = container.state.initialised(System.nanoTime());
            return null;
        }
        String refused = container.started.getNow(null);
        Exit exit = container.exited.getNow(null);
        if (session.initError().isDone()) {
            return new InitFailure(Outcome.INIT_ERROR, session.initError().getNow(""));
        }
        if (refused != null || exit != null) {
            String reason = refused != null
                    ? "the guest could not start the container of portion " + container.spec.name() + ": " + refused
                    : "Runtime exited with status " + exit.status() + " before asking for work";
            Outcome outcome = Outcome.ofFailure(Outcome.Phase.INIT, Outcome.Ending.EXITED, Exit.limitHit(exit));
            return new InitFailure(outcome, initError(reason, outcome));
        }
        String reason = "the runtime did not ask for work within " + INIT_TIMEOUT_MILLIS + " ms";
        return new InitFailure(Outcome.TIMED_OUT, initError(reason, Outcome.TIMED_OUT));
    }

    private static String initError(String reason, Outcome outcome) {
        return RuntimeApiServer.error(reason, "Sandbox." + outcome.wireName());
    }

    /** Completes when the guest refused to start the container. */
    private static CompletableFuture<Object> refusedStart(Container container) {
        CompletableFuture<Object> refused = new CompletableFuture<>();
        container.started.thenAccept(error -> {
            if (error != null) {
                refused.complete(error);
            }
        });
        return refused;
    }

    /** What one container made of one event: its reply, or how it ended without one. */
    private record Delivery(RuntimeReply reply, Outcome failure, Exit exit, long millis) {}

    /**
     * Hands {@code event} to {@code container}'s runtime and waits for its reply for at most
     * {@code timeoutMillis}; a container that does not answer in time is stopped.
     */
    private Delivery deliver(Container container, PendingEvent event, long timeoutMillis) throws InterruptedException {
        container.state = container.state.busy(event.requestId());
        long started = System.nanoTime();
        CompletableFuture<RuntimeReply> reply = container.session.submit(event);
        await(CompletableFuture.anyOf(reply, container.exited), timeoutMillis);
        long millis = (System.nanoTime() - started) / 1_000_000;
        RuntimeReply answer = reply.getNow(null);
        if (answer != null) {
            container.state = container.state.done();
            return new Delivery(answer, null, null, millis);
        }
        container.session.abandon(event.requestId());
        boolean timedOut = !container.exited.isDone();
        Exit exit = timedOut ? stopContainer(container) : container.exited.getNow(null);
        container.state = container.state.exited(timedOut ? "timed out" : "exited");
        Outcome failure = Outcome.ofFailure(
                Outcome.Phase.INVOCATION,
                timedOut ? Outcome.Ending.TIMED_OUT : Outcome.Ending.EXITED,
                Exit.limitHit(exit));
        return new Delivery(null, failure, exit, millis);
    }

    private InvokeResult run(Invocation invocation, boolean created, long initMillis)
            throws DriverException, InterruptedException {
        InvokeRequest request = invocation.request();
        long timeout = request.limits().timeoutMillis();
        long mark = logs.mark();
        Container entry = containers.get(invocation.entry().name());
        handCredentials(request.credential(), request);
        PortionCalls.Running running = new PortionCalls.Running(
                invocation.requestId(),
                System.currentTimeMillis() + timeout,
                PendingEvent.functionArn(request.functionName()));
        current = running;
        Delivery delivery;
        try {
            delivery = deliver(
                    entry,
                    PendingEvent.of(
                            running.requestId(), request.event(), running.deadlineEpochMillis(), running.functionArn()),
                    timeout);
        } finally {
            current = null;
        }
        handCredentials(null, null);
        Outcome otherPortionLimit = null;
        for (Container container : containers.values()) {
            Exit exit = container.exited.getNow(null);
            if (container != entry && exit != null && exit.limit() != null && otherPortionLimit == null) {
                otherPortionLimit = exit.limit();
            }
        }
        Outcome entryOutcome = delivery.reply() == null
                ? delivery.failure()
                : delivery.reply().error() ? Outcome.ERROR : Outcome.SUCCESS;
        Outcome outcome = Outcome.ofInvocation(entryOutcome, false, otherPortionLimit);
        if (outcome == Outcome.TIMED_OUT) {
            events.publish(EventSink.TIMED_OUT, id, "invocation " + invocation.requestId() + " timed out");
        } else if (outcome == Outcome.MEMORY_LIMIT_EXCEEDED) {
            events.publish(EventSink.OUT_OF_MEMORY, id, "invocation " + invocation.requestId() + " ran out of memory");
        }
        // A limit hit leaves the containers in no state to trust (a fork bomb's children, say).
        boolean limitHit = outcome != Outcome.SUCCESS && outcome != Outcome.ERROR;
        if (limitHit || !containers.values().stream().allMatch(Container::idle)) {
            stopAll();
        }
        String payload =
                delivery.reply() != null ? delivery.reply().body() : failureDocument(outcome, delivery, request);
        return result(invocation, outcome, payload, created, initMillis, delivery.millis(), mark);
    }

    private static String failureDocument(Outcome outcome, Delivery delivery, InvokeRequest request) {
        String message =
                switch (outcome) {
                    case TIMED_OUT -> "Task timed out after " + request.limits().timeoutMillis() + " ms";
                    case MEMORY_LIMIT_EXCEEDED -> "Runtime exited: out of memory (limit "
                            + request.limits().memoryMb() + " MB)";
                    case PROCESS_LIMIT_EXCEEDED -> "Runtime exited: process limit reached";
                    default -> "Runtime exited with status "
                            + (delivery.exit() == null
                                    ? "unknown"
                                    : delivery.exit().status());
                };
        return RuntimeApiServer.error(message, "Sandbox." + outcome.wireName());
    }

    /**
     * Serves {@code POST /2018-06-01/hearth/portions/{name}/invoke} from the entry portion:
     * delivers the event to that portion's runtime, within what is left of the invocation's time.
     * Calls to one portion are served one at a time.
     */
    private PortionAnswer callPortion(ContainerKey key, String name, String event) throws InterruptedException {
        return PortionCalls.serve(
                current,
                key.entryPortion(),
                name,
                containers.get(name),
                Container::idle,
                event,
                (target, delivered, left) -> {
                    Delivery delivery = deliver(target, delivered, left);
                    if (delivery.reply() == null) {
                        String type = "Sandbox." + delivery.failure().wireName();
                        return PortionCalls.answer(
                                502, "the portion failed: " + delivery.failure().wireName(), type);
                    }
                    return delivery.reply().error()
                            ? new PortionAnswer(502, delivery.reply().body(), "Unhandled")
                            : new PortionAnswer(200, delivery.reply().body(), null);
                });
    }

    /**
     * Replaces (or, with null, removes) the trusted containers' credential files in the guest, and
     * makes their secret files those {@code request} hands each (none without a request).
     */
    private void handCredentials(String credential, InvokeRequest request) throws DriverException {
        for (Container container : containers.values()) {
            if (!container.trusted()) {
                continue;
            }
            try {
                JsonObjectBuilder message =
                        Json.createObjectBuilder().add("op", "credential").add("runtime", container.id);
                message = credential == null ? message.addNull("value") : message.add("value", credential);
                link.control(message.build());
                JsonObjectBuilder secrets = Json.createObjectBuilder();
                if (request != null) {
                    request.secretsOf(container.spec.name()).forEach(secrets::add);
                }
                link.control(Json.createObjectBuilder()
                        .add("op", "secrets")
                        .add("runtime", container.id)
                        .add("values", secrets)
                        .build());
            } catch (IOException e) {
                // Names the instance only: never a secret's value.
                throw new DriverException("cannot hand the credential or secrets to instance " + id, e);
            }
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
     * Stops one container, if it still runs, and waits for the guest to report its end; kills the
     * VM when the guest does not answer. Returns what the guest reported, or null.
     */
    private Exit stopContainer(Container container) throws InterruptedException {
        container.session.close();
        if (!container.exited.isDone() && !link.closed()) {
            try {
                link.control(Json.createObjectBuilder()
                        .add("op", "stop")
                        .add("runtime", container.id)
                        .build());
            } catch (IOException e) {
                // The link is gone; the wait below fails and the VM is killed.
            }
            await(container.exited, STOP_TIMEOUT_MILLIS);
        }
        if (!container.exited.isDone()) {
            LOG.log(System.Logger.Level.WARNING, "the guest of instance " + id + " does not answer: killing it");
            qemu.destroyForcibly();
        }
        container.state = container.state.exited("stopped");
        return container.exited.getNow(null);
    }

    /** Stops every container and closes their Runtime API servers. */
    private void stopAll() throws InterruptedException {
        List<Container> running = new ArrayList<>(containers.values());
        containers = Map.of();
        key = null;
        for (Container container : running) {
            stopContainer(container);
            container.runtimeApi.close();
        }
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
        for (Container container : containers.values()) {
            container.runtimeApi.close();
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
        driver.forget(id);
    }
}
