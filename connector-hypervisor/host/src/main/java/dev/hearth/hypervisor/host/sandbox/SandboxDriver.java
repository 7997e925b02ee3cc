package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.DriverInstance;
import dev.hearth.hypervisor.host.driver.EventSink;
import dev.hearth.hypervisor.host.driver.InstanceDriver;
import dev.hearth.hypervisor.host.driver.InvocationEngine;
import dev.hearth.hypervisor.host.driver.RuntimeContract;
import dev.hearth.protocol.host.InterfaceAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The {@code sandbox} driver. Owns {@code <state dir>/instances} (one folder per instance it
 * created: the record of what to clean up after a crash), {@code containers} (per instance, one
 * folder per container, owned by its uid and mounted at {@code /run/hearth} in it), {@code
 * runtimes} (our runtime loops, mounted at {@code /opt/hearth}), {@code etc} (the container's
 * passwd, group and hosts), {@code mounts} (two empty folders, see {@link ContainerSpec}),
 * {@code seccomp.bpf} (the containers' system-call filter) and, with bwrap, {@code bwrap} (each
 * container's bubblewrap options, until its launcher has read them). Cgroups live at {@code
 * hearth/<instance id>} in the memory, pids and cpu hierarchies.
 */
public final class SandboxDriver implements InstanceDriver {

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.sandbox");
    private static final List<String> RUNTIMES = List.of("provided", "python3", "nodejs");
    /** The runtime loops every driver installs, and what stem cells run before they are staged. */
    private static final List<String> RUNTIME_SHIMS = Stream.concat(
                    RuntimeContract.RUNTIME_SHIMS.stream(), Stream.of("stem.py"))
            .toList();

    /** What stem cells run before they are staged (stem.py); without it, instances hold none. */
    private static final Path STEM_INTERPRETER = Path.of("/usr/bin/python3");

    /** Numbers the drivers of this process (tests run several). */
    private static final AtomicInteger DRIVERS = new AtomicInteger();

    /** The host's files of ids (and their formats), none of which may be a container's. */
    private static final Map<String, ContainerUids.Format> HOST_ID_FILES = Map.of(
            "/etc/passwd", ContainerUids.Format.ACCOUNTS,
            "/etc/group", ContainerUids.Format.ACCOUNTS,
            "/etc/subuid", ContainerUids.Format.SUBORDINATE,
            "/etc/subgid", ContainerUids.Format.SUBORDINATE);

    private static final String LOGS_TMPFS_SIZE = "16m";

    private final Path instancesDir;
    private final Path containersDir;
    private final Path runtimesDir;
    private final Path etcDir;
    private final Path mountPoints;
    private final Path seccompFile;
    private final Launcher launcher;
    private final int cpuPercent;
    private final IdleContainers idleContainers;
    private final CgroupV1 freezerOn;
    private final boolean stemCells = Files.isExecutable(STEM_INTERPRETER);
    private final EventSink events;
    private final UidPool uids;
    private final Map<String, DriverInstance> instances = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-background");
        thread.setDaemon(true);
        return thread;
    });

    private SandboxDriver(
            Path stateDir,
            Launcher launcher,
            int cpuPercent,
            ContainerUids containerUids,
            IdleContainers idleContainers,
            CgroupV1 freezerOn,
            EventSink events) {
        this.instancesDir = stateDir.resolve("instances");
        this.containersDir = stateDir.resolve("containers");
        this.runtimesDir = stateDir.resolve("runtimes");
        this.etcDir = stateDir.resolve("etc");
        this.mountPoints = stateDir.resolve("mounts");
        this.seccompFile = stateDir.resolve("seccomp.bpf");
        this.launcher = launcher;
        this.cpuPercent = cpuPercent;
        this.uids = new UidPool(containerUids.first(), containerUids.count());
        this.idleContainers = idleContainers;
        this.freezerOn = freezerOn;
        this.events = events;
        InterfaceAddresses.read(); // an unreadable interface list fails the start, not the first egress
    }

    /**
     * Checks the host (tools, cgroups, that no user or group of the host has an id among {@code
     * containerUids}) and prepares the state directory; fails with one line naming what is wrong.
     * Each container may use {@code cpuPercent} of one core; {@code containerRuntime} runs them;
     * {@code idleContainers} says whether they are frozen between invocations; {@code imageUsr}
     * (the {@link RuntimeImage}) is their {@code /usr}.
     */
    public static SandboxDriver create(
            Path stateDir,
            Path imageUsr,
            int cpuPercent,
            ContainerRuntime containerRuntime,
            ContainerUids containerUids,
            IdleContainers idleContainers,
            EventSink events)
            throws DriverException {
        HostCommands.requireTools(containerRuntime);
        CgroupV1.requireHierarchies();
        Optional<String> taken = containerUids.conflict(hostIdFiles());
        if (taken.isPresent()) {
            throw new DriverException(taken.get());
        }
        try {
            Path instances = Files.createDirectories(stateDir.resolve("instances"));
            Files.setPosixFilePermissions(instances, PosixFilePermissions.fromString("rwx------"));
            Path containers = Files.createDirectories(stateDir.resolve("containers"));
            Files.setPosixFilePermissions(containers, PosixFilePermissions.fromString("rwx--x--x"));
            Path seccomp = stateDir.resolve("seccomp.bpf");
            Files.write(seccomp, SeccompFilter.program());
            Files.setPosixFilePermissions(seccomp, PosixFilePermissions.fromString("rw-r--r--"));
            Path runtimes = stateDir.resolve("runtimes");
            for (String shim : RUNTIME_SHIMS) {
                Path target = runtimes.resolve(shim);
                Files.createDirectories(target.getParent());
                try (InputStream in = SandboxDriver.class.getResourceAsStream("/runtimes/" + shim)) {
                    if (in == null) {
                        throw new DriverException("the agent's jar lacks the runtime shim " + shim);
                    }
                    Files.write(target, in.readAllBytes());
                }
            }
            for (String mountPoint : List.of("tmp", "pts")) {
                Files.createDirectories(stateDir.resolve("mounts").resolve(mountPoint));
            }
            Path etc = Files.createDirectories(stateDir.resolve("etc"));
            Files.writeString(
                    etc.resolve("passwd"),
                    "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                            + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
            Files.writeString(etc.resolve("group"), "root:x:0:\nnogroup:x:65534:\n");
            Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost hearth\n::1 localhost\n");
            makeReadableByAll(runtimes);
            makeReadableByAll(etc);
            makeReadableByAll(stateDir.resolve("mounts"));
            HostLayout layout = HostLayout.of(imageUsr);
            Launcher launcher = containerRuntime == ContainerRuntime.RUNC
                    ? RuncLauncher.create(stateDir, layout)
                    : BwrapLauncher.create(stateDir, layout);
            // Frozen and empty while the driver runs: then freezing and thawing containers is cheap.
            CgroupV1 freezerOn =
                    CgroupV1.at("hearth/freezer-on-" + ProcessHandle.current().pid() + "-" + DRIVERS.incrementAndGet());
            if (idleContainers == IdleContainers.FROZEN) {
                freezerOn.holdFreezerOn();
            }
            return new SandboxDriver(stateDir, launcher, cpuPercent, containerUids, idleContainers, freezerOn, events);
        } catch (IOException e) {
            throw new DriverException("cannot prepare " + stateDir + ": " + e.getMessage(), e);
        }
    }

    /** The host's id files as they are now; one that does not exist holds no ids. */
    private static List<ContainerUids.IdFile> hostIdFiles() throws DriverException {
        List<ContainerUids.IdFile> files = new ArrayList<>();
        for (var file : new TreeMap<>(HOST_ID_FILES).entrySet()) {
            Path path = Path.of(file.getKey());
            try {
                if (Files.exists(path)) {
                    files.add(new ContainerUids.IdFile(file.getKey(), file.getValue(), Files.readString(path)));
                }
            } catch (IOException e) {
                throw new DriverException("cannot read " + path + " to check the container uids: " + e.getMessage(), e);
            }
        }
        return files;
    }

    private static void makeReadableByAll(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.toList()) {
                Files.setPosixFilePermissions(
                        path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public List<String> runtimes() {
        return RUNTIMES;
    }

    UidPool uids() {
        return uids;
    }

    Path runtimesDir() {
        return runtimesDir;
    }

    Path etcDir() {
        return etcDir;
    }

    /** Empty folders, each container's own /tmp and /dev/pts mounted on them in its own mount namespace. */
    Path mountPoints() {
        return mountPoints;
    }

    Path seccompFile() {
        return seccompFile;
    }

    /**
     * Waits (up to 10 s) until what was handed to the background thread so far has run: what no
     * invocation needs to wait for (freezing idle instances, stopping unused stem cells).
     */
    void awaitBackground() {
        try {
            CompletableFuture.runAsync(() -> {}, background).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.log(Level.WARNING, "background work did not finish: " + e);
        }
    }

    int cpuPercent() {
        return cpuPercent;
    }

    IdleContainers idleContainers() {
        return idleContainers;
    }

    Launcher launcher() {
        return launcher;
    }

    @Override
    public void cleanUpLeftovers() {
        try (Stream<Path> leftovers = Stream.concat(Files.list(instancesDir), Files.list(containersDir))) {
            for (String id :
                    leftovers.map(p -> p.getFileName().toString()).distinct().toList()) {
                LOG.log(Level.INFO, "removing instance {0} left by an earlier run", id);
                tearDown(id);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list " + instancesDir + ": " + e.getMessage());
        }
    }

    @Override
    public DriverInstance boot(String instanceId, String readyFor) throws DriverException, InterruptedException {
        Path dir = instancesDir.resolve(instanceId);
        try {
            Files.createDirectories(dir.resolve("logs"));
            HostCommands.run(
                    "mount",
                    "-t",
                    "tmpfs",
                    "-o",
                    "size=" + LOGS_TMPFS_SIZE + ",mode=0700",
                    "hearth-logs",
                    logsDir(dir));
            Path runRoot = Files.createDirectories(containersDir.resolve(instanceId));
            Files.setPosixFilePermissions(runRoot, PosixFilePermissions.fromString("rwx--x--x"));
            CgroupV1 cgroup = CgroupV1.at("hearth/" + instanceId).create();
            SandboxInstance containers = new SandboxInstance(instanceId, dir, runRoot, cgroup, this, events);
            DriverInstance instance = new InvocationEngine<>(instanceId, containers, events, background);
            instances.put(instanceId, instance);
            if (readyFor != null && stemCells) {
                containers.growStems(readyFor);
            }
            return instance;
        } catch (InterruptedException e) {
            tearDown(instanceId);
            throw e;
        } catch (IOException | DriverException e) {
            tearDown(instanceId);
            throw e instanceof DriverException d
                    ? d
                    : new DriverException("cannot boot instance " + instanceId + ": " + e.getMessage(), e);
        }
    }

    private static String logsDir(Path instanceDir) {
        return instanceDir.resolve("logs").toString();
    }

    /** Removes everything of an instance: processes, cgroups, namespace, tmpfs, folder. Never throws. */
    void tearDown(String instanceId) {
        instances.remove(instanceId);
        launcher.removeAll(instanceId + "-");
        CgroupV1.at("hearth/" + instanceId).destroy();
        Path dir = instancesDir.resolve(instanceId);
        try {
            if (HostCommands.isMountPoint(dir.resolve("logs"))) {
                HostCommands.run("umount", logsDir(dir));
            }
            deleteTree(dir);
            deleteTree(containersDir.resolve(instanceId));
        } catch (IOException | DriverException e) {
            LOG.log(Level.WARNING, "cannot remove " + dir + ": " + e.getMessage());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Override
    public void close() {
        for (DriverInstance instance : List.copyOf(instances.values())) {
            instance.destroy();
        }
        background.shutdown();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        freezerOn.releaseFreezer();
    }
}
