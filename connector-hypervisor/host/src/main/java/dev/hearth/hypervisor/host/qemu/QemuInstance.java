package dev.hearth.hypervisor.host.qemu;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.hypervisor.host.driver.ContainerHost;
import dev.hearth.hypervisor.host.driver.ContainerKey;
import dev.hearth.hypervisor.host.driver.ContainerState;
import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.EventSink;
import dev.hearth.hypervisor.host.driver.Invocation;
import dev.hearth.hypervisor.host.driver.RuntimeContract;
import dev.hearth.hypervisor.host.driver.Workload;
import dev.hearth.hypervisor.host.runtimeapi.PortionCalls;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeApiServer;
import dev.hearth.hypervisor.host.threads.ThreadPlacement;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
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
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A VM instance, as the {@link dev.hearth.hypervisor.host.driver.InvocationEngine} drives it: one
 * QEMU process and its guest agent on the other end of a {@link GuestLink}. The guest runs one
 * {@link GuestContainer} per portion of the function (its own uid, namespaces and cgroup; see
 * {@code qemu/guest-agent.py}), each with its own Runtime API server on the host; the code is
 * shared read-only at {@code /var/task}. A limit a container hits (timeout, memory, processes)
 * ends the containers, not the VM; a guest that stops answering is killed, and the instance is
 * dead. Between invocations the VM is paused (QMP {@code stop} in {@link #pause}), so that
 * nothing the function left behind in the guest runs, and the next invocation resumes it ({@code
 * cont} in {@link #resume}) and sets its clock before anything reaches the guest.
 */
final class QemuInstance implements ContainerHost<GuestContainer> {

    /** How long the runtimes may take to start under TCG before they all ask for work. */
    static final long INIT_TIMEOUT_MILLIS = 20_000;

    /** The guest's own share of the VM's memory (kernel, guest agent); the containers get the rest. */
    static final int GUEST_RESERVED_MB = 96;

    /** Processes of a container that are not the function's: its init, and its set-up while it starts. */
    static final int PROCESS_OVERHEAD = 2;

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.qemu");

    /** Made once: each {@code Json.create...} call looks the provider up through a ServiceLoader. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    /** Whether the guest runs: paused between invocations, as the sandbox driver freezes its containers. */
    sealed interface Schedule {

        /** Its vCPU runs (booting, serving an invocation, or always with {@code --idle-containers running}). */
        record Running() implements Schedule {}

        /** QEMU runs none of the guest, its clocks and timers included, until the next invocation resumes it. */
        record Paused() implements Schedule {}
    }

    private final String id;
    private final Path dir;
    private final Process qemu;
    private final Qmp qmp;
    private final EventSink events;
    private final int runtimeMemoryMb;
    private final LogTail logs = new LogTail();
    private final CompletableFuture<Void> guestReady = new CompletableFuture<>();
    private final QemuDriver driver;
    private volatile GuestLink link;
    /** Changed under the engine's lock only. */
    private volatile Schedule schedule = new Schedule.Running();
    /** The containers whose end the guest has not reported yet, by id. */
    private final Map<Integer, GuestContainer> unfinished = new ConcurrentHashMap<>();

    private int containersStarted;
    private volatile boolean tornDown;

    private QemuInstance(
            String id, Path dir, Process qemu, Qmp qmp, EventSink events, int runtimeMemoryMb, QemuDriver driver) {
        this.id = id;
        this.dir = dir;
        this.qemu = qemu;
        this.qmp = qmp;
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
        Qmp qmp = null;
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
            qmp = connectQmp(qmpSocket, qemu);
            instance = new QemuInstance(id, dir, qemu, qmp, events, spec.memoryMb() - GUEST_RESERVED_MB, driver);
            instance.link = GuestLink.start(channel, instance.new Events(), id);
            GuestContainer.await(CompletableFuture.anyOf(instance.guestReady, qemu.onExit()), bootTimeoutMillis);
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
                instance.tornDown = true;
                instance.link.close();
            }
            if (qmp != null) {
                qmp.close();
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

    /** Connects to QEMU's QMP socket, which it may open only after it connected the guest's port. */
    private static Qmp connectQmp(Path socket, Process qemu) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return Qmp.connect(socket);
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !qemu.isAlive()) {
                    throw new IOException("cannot reach QEMU's QMP socket: " + e.getMessage(), e);
                }
                Thread.sleep(5);
            }
        }
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
            GuestContainer container = unfinished.get(message.getInt("runtime", -1));
            if (container == null) {
                return;
            }
            switch (op) {
                case "started" -> container.started.complete(null);
                case "failed" -> container.started.complete(message.getString("error", "the guest refused"));
                case "exited" -> {
                    GuestContainer.Exit exit = new GuestContainer.Exit(
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
            GuestContainer container = unfinished.get(runtimeId);
            return container == null ? null : container.runtimeApi.socket();
        }

        @Override
        public void closed() {
            if (!tornDown) {
                LOG.log(System.Logger.Level.WARNING, "the guest of instance " + id + " went away" + diagnosis(dir));
            }
        }
    }

    String id() {
        return id;
    }

    GuestLink link() {
        return link;
    }

    /** The guest did not report a container's end in time: the VM is killed, the instance dead. */
    void guestDoesNotAnswer() {
        if (qemu.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "the guest of instance " + id + " does not answer: killing it");
            qemu.destroyForcibly();
        }
    }

    @Override
    public long initTimeoutMillis() {
        return INIT_TIMEOUT_MILLIS;
    }

    /** Null when this VM can run the function as asked, else why not. */
    @Override
    public String admit(ContainerKey wanted) {
        int portions = wanted.portions().size();
        long memoryMb = (long) wanted.limits().memoryMb() * portions;
        if (portions > GuestImage.MAX_CONTAINERS) {
            return "the qemu driver runs at most " + GuestImage.MAX_CONTAINERS + " portions";
        }
        if (memoryMb > runtimeMemoryMb) {
            return "the function asks for " + memoryMb + " MB (" + portions + " portions of "
                    + wanted.limits().memoryMb() + " MB); this host's VMs give at most " + runtimeMemoryMb + " MB";
        }
        return null;
    }

    /** Stages the portion's code into the shared folder and has the guest start its container. */
    @Override
    public GuestContainer start(
            Invocation invocation, ContainerKey wanted, PortionSpec spec, int index, PortionCalls calls)
            throws DriverException {
        int containerId = ++containersStarted;
        RuntimeApiServer runtimeApi = null;
        try {
            String code = driver.stageCode(dir.resolve("task"), wanted.codeSha256(), spec, invocation.codeDir());
            // QEMU's own process is in no cgroup of the agent's: the threads stay in the agent's.
            runtimeApi = RuntimeApiServer.start(
                    dir.resolve("api-" + containerId + ".sock"),
                    id + "-" + containerId,
                    calls,
                    ThreadPlacement.AGENTS_OWN);
            GuestContainer container = new GuestContainer(
                    containerId, spec, runtimeApi, this, wanted.limits().memoryMb());
            unfinished.put(containerId, container);
            Workload workload = Workload.of(wanted, spec);
            JsonObjectBuilder environment = JSON.createObjectBuilder();
            // No proxy and no HEARTH_AUX_URL: the guest has no network device (ADR 7).
            RuntimeContract.environment(workload).forEach(environment::add);
            ResourceLimits limits = wanted.limits();
            link.control(JSON.createObjectBuilder()
                    .add("op", "start")
                    .add("runtime", containerId)
                    .add("uid", GuestImage.RUNTIME_UID + index)
                    .add("argv", JSON.createArrayBuilder(RuntimeContract.command(workload)))
                    .add("env", environment)
                    .add("cwd", RuntimeContract.portionRoot(workload))
                    .add("memoryBytes", (long) limits.memoryMb() << 20)
                    .add("maxProcesses", limits.maxProcesses() + PROCESS_OVERHEAD)
                    .add("tmpBytes", (long) limits.tmpMb() << 20)
                    .add("code", code)
                    .add("port", RuntimeContract.RUNTIME_API_PORT)
                    .build());
            return container;
        } catch (IOException e) {
            unfinished.remove(containerId);
            if (runtimeApi != null) {
                runtimeApi.close();
            }
            throw new DriverException("cannot start the containers in instance " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lets a paused VM run again and sets the guest's clock, before anything of the invocation
     * reaches the guest; its containers run on where they were.
     */
    @Override
    public boolean resume(Collection<GuestContainer> containers) throws DriverException {
        if (!alive()) {
            throw new DriverException("instance " + id + " is not running");
        }
        if (schedule instanceof Schedule.Paused) {
            try {
                qmp.execute("cont");
            } catch (IOException e) {
                throw new DriverException("cannot resume the VM of instance " + id + ": " + e.getMessage(), e);
            }
            schedule = new Schedule.Running();
        }
        setGuestClock();
        return true;
    }

    /** Pauses the VM between invocations, unless the driver leaves idle instances running. */
    @Override
    public void pause(Collection<GuestContainer> containers) {
        if (driver.leavesIdleInstancesRunning() || schedule instanceof Schedule.Paused || !alive()) {
            return;
        }
        try {
            qmp.execute("stop");
            schedule = new Schedule.Paused();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot pause the VM of instance " + id + ": " + e.getMessage());
        }
    }

    /**
     * Sets the guest's clock to the host's: the guest's clocks stand still while the VM is paused,
     * and the clock it booted with, read from the VM's RTC, counts whole seconds. Its runtimes read
     * the invocation's deadline against it.
     */
    private void setGuestClock() throws DriverException {
        Instant now = Instant.now();
        try {
            link.control(JSON.createObjectBuilder()
                    .add("op", "clock")
                    .add("epochNanos", now.getEpochSecond() * 1_000_000_000L + now.getNano())
                    .build());
        } catch (IOException e) {
            throw new DriverException("cannot set the clock of instance " + id, e);
        }
    }

    /** The guest's output, all containers' together. */
    @Override
    public long logMark() {
        return logs.mark();
    }

    @Override
    public String logsSince(long mark) {
        return logs.tailSince(mark);
    }

    @Override
    public boolean alive() {
        return qemu.isAlive() && link != null && !link.closed();
    }

    /** Asks QEMU to quit, kills it when it does not, and removes the instance's folder. */
    @Override
    public void tearDown() {
        tornDown = true;
        // Before QEMU goes: a paused guest leaves what was last sent to it unread, and QEMU's
        // exit then resets the link instead of ending it.
        if (link != null) {
            link.close();
        }
        if (qemu.isAlive()) {
            CompletableFuture<Void> quit = CompletableFuture.runAsync(() -> {
                try {
                    qmp.execute("quit");
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
        qmp.close();
        driver.forget(id);
    }
}
