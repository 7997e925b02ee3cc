package dev.hearth.hypervisor.host.qemu;

import dev.hearth.hypervisor.host.code.StagedCode;
import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.DriverInstance;
import dev.hearth.hypervisor.host.driver.EventSink;
import dev.hearth.hypervisor.host.driver.InstanceDriver;
import dev.hearth.hypervisor.host.driver.InvocationEngine;
import dev.hearth.hypervisor.host.sandbox.IdleContainers;
import dev.hearth.protocol.wire.PortionSpec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code qemu} driver: an instance is a QEMU virtual machine (KVM where it works, TCG
 * elsewhere) booting Debian's kernel with our initramfs, the agent's runtime image shared
 * read-only as its {@code /usr} and a guest agent on virtio-serial, paused while it is idle
 * (unless {@code --idle-containers running}). Owns {@code <state dir>/qemu}: the initramfs, and
 * {@code instances/<id>} per VM (sockets, logs, QEMU's pid, the code shared into the guest), the
 * record of what to clean up after a crash.
 */
public final class QemuDriver implements InstanceDriver {

    /** Memory of each VM; the guest keeps {@link QemuInstance#GUEST_RESERVED_MB}, the runtime the rest. */
    public static final int VM_MEMORY_MB = 1024;

    /** The unprivileged user QEMU runs as once it has opened its files; no file of the host is its. */
    static final int QEMU_UID = 199_999;

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.qemu");
    private static final List<String> RUNTIMES = List.of("provided", "python3", "nodejs");
    private static final List<String> QEMU_BINARIES =
            List.of("/usr/bin/qemu-system-x86_64", "/usr/local/bin/qemu-system-x86_64");
    private static final long BOOT_TIMEOUT_MILLIS = 60_000;

    private final String qemu;
    private final Accelerator accelerator;
    private final GuestImage image;
    private final Path imageUsr;
    private final Path instancesDir;
    private final IdleContainers idleInstances;
    private final EventSink events;
    private final Map<String, DriverInstance> instances = new ConcurrentHashMap<>();
    /** Pauses idle VMs off the invocations' path. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "qemu-background");
        thread.setDaemon(true);
        return thread;
    });

    private QemuDriver(
            String qemu,
            Accelerator accelerator,
            GuestImage image,
            Path imageUsr,
            Path instancesDir,
            IdleContainers idleInstances,
            EventSink events) {
        this.qemu = qemu;
        this.accelerator = accelerator;
        this.image = image;
        this.imageUsr = imageUsr;
        this.instancesDir = instancesDir;
        this.idleInstances = idleInstances;
        this.events = events;
    }

    /**
     * Finds QEMU, chooses the accelerator and builds the initramfs from {@code guestDir}; fails
     * with one line naming what is missing. The guests' {@code /usr} is {@code imageUsr}, the
     * agent's runtime image; {@code idleInstances} says whether VMs are paused between
     * invocations (their containers frozen with them).
     */
    public static QemuDriver create(
            Path stateDir, Path guestDir, Path imageUsr, IdleContainers idleInstances, EventSink events)
            throws DriverException {
        String qemu = QEMU_BINARIES.stream()
                .filter(path -> Files.isExecutable(Path.of(path)))
                .findFirst()
                .orElseThrow(() -> new DriverException(
                        "the qemu driver needs qemu-system-x86_64 (Debian package qemu-system-x86)"));
        Path driverDir = stateDir.resolve("qemu");
        GuestImage image = GuestImage.prepare(guestDir, driverDir);
        try {
            Path instances = Files.createDirectories(driverDir.resolve("instances"));
            Files.setPosixFilePermissions(driverDir, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(instances, PosixFilePermissions.fromString("rwx--x--x"));
            Accelerator accelerator = Accelerator.detect(qemu);
            LOG.log(Level.INFO, "qemu driver: {0} with {1}", qemu, accelerator);
            return new QemuDriver(qemu, accelerator, image, imageUsr, instances, idleInstances, events);
        } catch (IOException e) {
            throw new DriverException("cannot prepare " + driverDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "qemu";
    }

    @Override
    public List<String> runtimes() {
        return RUNTIMES;
    }

    QemuCommand.Spec spec(Path taskDir, Path linkSocket, Path qmpSocket, Path consoleLog) {
        return new QemuCommand.Spec(
                qemu, accelerator, image, imageUsr, VM_MEMORY_MB, taskDir, linkSocket, qmpSocket, consoleLog, QEMU_UID);
    }

    /** Whether idle VMs run on ({@code --idle-containers running}) rather than being paused. */
    boolean leavesIdleInstancesRunning() {
        return idleInstances == IdleContainers.RUNNING;
    }

    /** Kills the VMs an earlier run of the agent left running and removes their folders. */
    @Override
    public void cleanUpLeftovers() {
        try (Stream<Path> leftovers = Files.list(instancesDir)) {
            for (Path dir : leftovers.toList()) {
                LOG.log(Level.INFO, "removing VM {0} left by an earlier run", dir.getFileName());
                killQemu(dir);
                deleteTree(dir);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot clean up " + instancesDir + ": " + e.getMessage());
        }
    }

    /** Kills the QEMU whose pid the folder records, if that process is still this folder's QEMU. */
    private static void killQemu(Path dir) throws IOException {
        Path pidFile = dir.resolve("qemu.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            String commandLine =
                    Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            if (commandLine.contains(dir.resolve("link.sock").toString())) {
                process.get().destroyForcibly();
                process.get().onExit().join();
            }
        }
    }

    @Override
    public DriverInstance boot(String instanceId, String readyFor) throws DriverException {
        Path dir = instancesDir.resolve(instanceId);
        try {
            InvocationEngine<GuestContainer> instance = new InvocationEngine<>(
                    instanceId,
                    QemuInstance.boot(instanceId, dir, this, events, BOOT_TIMEOUT_MILLIS),
                    events,
                    background);
            instances.put(instanceId, instance);
            // Nothing runs in it until its first invocation: under TCG even an idle guest costs CPU.
            instance.pauseWhenIdle();
            return instance;
        } catch (IOException e) {
            remove(dir);
            throw new DriverException("cannot boot instance " + instanceId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            remove(dir);
            throw new DriverException("interrupted while booting instance " + instanceId, e);
        } catch (DriverException e) {
            remove(dir);
            throw e;
        }
    }

    /**
     * Puts what {@code portion}'s container sees of the code package {@code codeSha256} (its own
     * folder and the shared ones, at their places in the package) into the instance's shared
     * folder, and removes what was staged for other packages; returns its folder name under
     * the share.
     */
    String stageCode(Path taskDir, String codeSha256, PortionSpec portion, Path codeDir) throws IOException {
        String view = codeSha256 + "-" + portion.name();
        try (Stream<Path> staged = Files.list(taskDir)) {
            for (Path old : staged.filter(p -> !p.getFileName().toString().startsWith(codeSha256 + "-"))
                    .toList()) {
                deleteTree(old);
            }
        }
        Path target = taskDir.resolve(view);
        if (Files.isDirectory(target)) {
            return view;
        }
        Path next = taskDir.resolve(view + ".next");
        deleteTree(next);
        Files.createDirectory(next);
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("r-xr-xr-x"));
        StagedCode.link(codeDir, next, portion.folders());
        Files.move(next, target);
        return view;
    }

    /** Forgets a destroyed instance and removes its folder. */
    void forget(String instanceId) {
        instances.remove(instanceId);
        remove(instancesDir.resolve(instanceId));
    }

    private static void remove(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot remove " + dir + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
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
    }
}
