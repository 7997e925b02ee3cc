package dev.hearth.hypervisor.host.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.DriverInstance;
import dev.hearth.hypervisor.host.driver.InstanceDriver;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The {@code sandbox} driver. Owns {@code <state dir>/instances} (one folder per instance it
 * created: the record of what to clean up after a crash), {@code runtimes} (our runtime loops,
 * mounted at {@code /opt/hearth}) and {@code etc} (the container's passwd, group and hosts).
 * Cgroups live at {@code hearth/<instance id>} in the memory and pids hierarchies, namespaces are
 * named {@code hearth-<instance id>}.
 */
public final class SandboxDriver implements InstanceDriver {

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.sandbox");
    private static final List<String> RUNTIMES = List.of("provided", "python3", "nodejs");
    private static final List<String> RUNTIME_SHIMS = List.of("python3/bootstrap.py", "nodejs/bootstrap.js");
    private static final int FIRST_CONTAINER_UID = 200_000;
    private static final int CONTAINER_UIDS = 65_536;
    private static final String LOGS_TMPFS_SIZE = "16m";
    private static final long RELAY_START_TIMEOUT_NANOS = 5_000_000_000L;

    private final Path instancesDir;
    private final Path runtimesDir;
    private final Path etcDir;
    private final HostLayout layout;
    private final UidPool uids = new UidPool(FIRST_CONTAINER_UID, CONTAINER_UIDS);
    private final Map<String, SandboxInstance> instances = new ConcurrentHashMap<>();

    private SandboxDriver(Path instancesDir, Path runtimesDir, Path etcDir, HostLayout layout) {
        this.instancesDir = instancesDir;
        this.runtimesDir = runtimesDir;
        this.etcDir = etcDir;
        this.layout = layout;
    }

    /**
     * Checks the host (tools, cgroups) and prepares the state directory; fails with one line
     * naming what is missing.
     */
    public static SandboxDriver create(Path stateDir) throws DriverException {
        HostCommands.requireTools();
        CgroupV1.requireHierarchies();
        try {
            Path instances = Files.createDirectories(stateDir.resolve("instances"));
            Files.setPosixFilePermissions(instances, PosixFilePermissions.fromString("rwx------"));
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
            Path etc = Files.createDirectories(stateDir.resolve("etc"));
            Files.writeString(
                    etc.resolve("passwd"),
                    "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                            + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
            Files.writeString(etc.resolve("group"), "root:x:0:\nnogroup:x:65534:\n");
            Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost hearth\n::1 localhost\n");
            makeReadableByAll(runtimes);
            makeReadableByAll(etc);
            return new SandboxDriver(instances, runtimes, etc, HostLayout.of(Path.of("/")));
        } catch (IOException e) {
            throw new DriverException("cannot prepare " + stateDir + ": " + e.getMessage(), e);
        }
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

    HostLayout layout() {
        return layout;
    }

    @Override
    public void cleanUpLeftovers() {
        try (Stream<Path> leftovers = Files.list(instancesDir)) {
            for (Path dir : leftovers.toList()) {
                LOG.log(Level.INFO, "removing instance {0} left by an earlier run", dir.getFileName());
                tearDown(dir.getFileName().toString());
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list " + instancesDir + ": " + e.getMessage());
        }
    }

    @Override
    public DriverInstance boot(String instanceId) throws DriverException {
        Path dir = instancesDir.resolve(instanceId);
        String netns = SandboxCommands.netnsName(instanceId);
        RuntimeApiServer runtimeApi = null;
        Process relay = null;
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
            HostCommands.run("ip", "netns", "add", netns);
            HostCommands.run("ip", "-n", netns, "link", "set", "lo", "up");
            CgroupV1 cgroup = CgroupV1.at("hearth/" + instanceId).create();
            CgroupV1 relayCgroup = cgroup.child("relay").create();
            runtimeApi = RuntimeApiServer.start(dir.resolve("runtime.sock"), instanceId);
            relay = new ProcessBuilder(SandboxCommands.inCgroups(
                            relayCgroup.procsFiles(), SandboxCommands.relay(netns, runtimeApi.socket())))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("logs").resolve("relay.log").toFile())
                    .start();
            awaitRelayListening(relay, dir.resolve("logs").resolve("relay.log"));
            SandboxInstance instance = new SandboxInstance(instanceId, dir, cgroup, runtimeApi, relay, this);
            instances.put(instanceId, instance);
            return instance;
        } catch (IOException | DriverException e) {
            if (runtimeApi != null) {
                runtimeApi.close();
            }
            tearDown(instanceId);
            if (relay != null) {
                relay.destroyForcibly();
            }
            throw e instanceof DriverException d
                    ? d
                    : new DriverException("cannot boot instance " + instanceId + ": " + e.getMessage(), e);
        }
    }

    private static String logsDir(Path instanceDir) {
        return instanceDir.resolve("logs").toString();
    }

    /**
     * Waits until socat listens on 127.0.0.1:9001: {@code /proc/<pid>/net/tcp} shows the sockets
     * of the process's own network namespace.
     */
    private static void awaitRelayListening(Process relay, Path relayLog) throws DriverException, IOException {
        String listening = String.format("0100007F:%04X", SandboxCommands.RUNTIME_API_PORT);
        Path tcp = Path.of("/proc", Long.toString(relay.pid()), "net", "tcp");
        long deadline = System.nanoTime() + RELAY_START_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            if (!relay.isAlive()) {
                throw new DriverException("the Runtime API relay exited: "
                        + Files.readString(relayLog, UTF_8)
                                .strip()
                                .lines()
                                .findFirst()
                                .orElse("no output"));
            }
            try (Stream<String> lines = Files.lines(tcp)) {
                if (lines.map(String::trim)
                        .anyMatch(l -> l.split("\\s+").length > 3
                                && l.split("\\s+")[1].equals(listening)
                                && l.split("\\s+")[3].equals("0A"))) {
                    return;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // The process is still switching namespaces; look again.
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriverException("interrupted while starting the relay", e);
            }
        }
        throw new DriverException("the Runtime API relay did not listen within 5 s");
    }

    /** Removes everything of an instance: processes, cgroups, namespace, tmpfs, folder. Never throws. */
    void tearDown(String instanceId) {
        instances.remove(instanceId);
        CgroupV1.at("hearth/" + instanceId).destroy();
        String netns = SandboxCommands.netnsName(instanceId);
        if (Files.exists(Path.of("/run/netns", netns))) {
            try {
                HostCommands.run("ip", "netns", "pids", netns)
                        .lines()
                        .filter(line -> !line.isBlank())
                        .forEach(pid ->
                                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly));
                HostCommands.run("ip", "netns", "del", netns);
            } catch (DriverException e) {
                LOG.log(Level.WARNING, e.getMessage());
            }
        }
        Path dir = instancesDir.resolve(instanceId);
        try {
            if (isMountPoint(dir.resolve("logs"))) {
                HostCommands.run("umount", logsDir(dir));
            }
            if (Files.exists(dir)) {
                try (Stream<Path> tree = Files.walk(dir)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        } catch (IOException | DriverException e) {
            LOG.log(Level.WARNING, "cannot remove " + dir + ": " + e.getMessage());
        }
    }

    private static boolean isMountPoint(Path path) throws IOException {
        String target = path.toAbsolutePath().normalize().toString();
        try (Stream<String> mounts = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return mounts.map(line -> line.split(" "))
                    .anyMatch(fields -> fields.length > 4 && fields[4].equals(target));
        }
    }

    @Override
    public void close() {
        for (SandboxInstance instance : List.copyOf(instances.values())) {
            instance.destroy();
        }
    }
}
