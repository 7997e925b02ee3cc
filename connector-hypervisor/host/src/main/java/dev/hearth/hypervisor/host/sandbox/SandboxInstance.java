package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.code.StagedCode;
import dev.hearth.hypervisor.host.driver.ContainerHost;
import dev.hearth.hypervisor.host.driver.ContainerKey;
import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.EventSink;
import dev.hearth.hypervisor.host.driver.Invocation;
import dev.hearth.hypervisor.host.driver.Workload;
import dev.hearth.hypervisor.host.egress.EgressProxy;
import dev.hearth.hypervisor.host.runtimeapi.PortionCalls;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeApiServer;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeSession;
import dev.hearth.hypervisor.host.threads.ThreadPlacement;
import dev.hearth.protocol.host.InterfaceAddresses;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.concurrent.Executor;

/**
 * A sandbox instance, as the {@link dev.hearth.hypervisor.host.driver.InvocationEngine} drives
 * it: a cgroup with one container per portion of the function it runs, each in namespaces of its
 * own (none shared, not even the network), with its own uid, Runtime API server and folder at
 * {@code /run/hearth}; trusted portions alone get an {@link EgressProxy}. Between invocations its
 * containers are frozen (docs/adr/0018) and its memory limit fits those it holds.
 *
 * <p>A warming-pool instance booted for a runtime holds {@link StemCells}. The first invocation
 * stages its code (hard links into the folder the stem has at {@code /var/task}), its limits (the
 * stem's cgroup) and its environment into them instead of starting containers.
 */
final class SandboxInstance implements ContainerHost<SandboxPortion> {

    /** How long a runtime may take to start before it first asks for work (as on AWS Lambda). */
    static final long INIT_TIMEOUT_MILLIS = 10_000;

    /**
     * Processes of a container that are not the function's: two bwrap processes (outside, and
     * init inside; runc stays outside the cgroup), the Runtime API relay and its children (one per
     * open connection, the runtime keeps one or two).
     */
    static final int PROCESS_OVERHEAD = 5;

    /** The egress relay and its children. */
    static final int EGRESS_PROCESS_OVERHEAD = 3;

    /** The CPU weight of an instance while its stem cells start; the kernel's default is 1024. */
    private static final int GROWING_CPU_SHARES = 16;

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.sandbox");

    /** How a container's spec is made once its name, uid, cgroup and folder are known. */
    @FunctionalInterface
    private interface SpecFactory {
        ContainerSpec of(String name, int uid, CgroupV1 cgroup, Path runDir) throws IOException;
    }

    private final String id;
    private final Path dir;
    private final Path runRoot;
    private final CgroupV1 cgroup;
    private final SandboxDriver driver;
    private final EventSink events;
    private final StemCells stems;
    private int containersStarted;

    /** The memory limit the kernel took last for the instance's cgroup; -1 when unknown. */
    private long memoryLimitBytes = -1;

    SandboxInstance(String id, Path dir, Path runRoot, CgroupV1 cgroup, SandboxDriver driver, EventSink events) {
        this.id = id;
        this.dir = dir;
        this.runRoot = runRoot;
        this.cgroup = cgroup;
        this.driver = driver;
        this.events = events;
        this.stems = new StemCells(id);
    }

    @Override
    public long initTimeoutMillis() {
        return INIT_TIMEOUT_MILLIS;
    }

    /** Raises the instance's memory limit for them: the stem cells about to be staged count twice until it pauses. */
    @Override
    public String admit(ContainerKey wanted) {
        limitMemory(instanceMemoryBytes(wanted.portions().size() * portionMemoryBytes(wanted), stems.count()));
        return null;
    }

    /** A stem cell staged for the portion where one fits, else a container of its own. */
    @Override
    public SandboxPortion start(
            Invocation invocation, ContainerKey wanted, PortionSpec spec, int index, PortionCalls calls)
            throws DriverException {
        ResourceLimits policy = wanted.limits();
        boolean trusted = "trusted".equals(spec.trustLevel());
        long memoryBytes = portionMemoryBytes(wanted);
        CgroupV1.Limits limits = limits(memoryBytes, policy.maxProcesses(), cpuPercent(policy), trusted);
        long tmpBytes = (long) policy.tmpMb() << 20;
        Workload workload = Workload.of(wanted, spec);
        StemCells.Stem stem = stems.take(wanted.runtime(), trusted, tmpBytes);
        if (stem != null) {
            try {
                return new SandboxPortion(spec, stage(stem, invocation, wanted, spec, limits, calls), memoryBytes);
            } catch (IOException | DriverException e) {
                stem.launched().stop();
                LOG.log(
                        System.Logger.Level.WARNING,
                        "cannot stage stem cell {0} of instance {1} ({2}); starting a container instead",
                        stem.launched().name(),
                        id,
                        e.getMessage());
            }
        }
        Launched launched = launch(
                trusted,
                limits,
                wanted,
                calls,
                "the container of portion " + spec.name(),
                (name, uid, containerCgroup, runDir) -> containerSpec(
                        uid,
                        containerCgroup,
                        limits,
                        runDir,
                        portionView(invocation, spec, Files.createDirectory(taskDir(name))),
                        workload,
                        tmpBytes));
        return new SandboxPortion(spec, launched, memoryBytes);
    }

    @Override
    public void releaseSpares(Executor executor) {
        stems.stopAll(executor);
    }

    /** Thaws them; one that cannot be thawed is stopped with the others, and they start anew. */
    @Override
    public boolean resume(Collection<SandboxPortion> portions) {
        try {
            for (SandboxPortion portion : portions) {
                portion.container().thaw();
            }
            return true;
        } catch (DriverException e) {
            LOG.log(System.Logger.Level.WARNING, "instance {0}: {1}", id, e.getMessage());
            return false;
        }
    }

    /**
     * Fits the instance's memory limit to the containers it holds now, and freezes them (their
     * egress routes were closed when the invocation ended).
     */
    @Override
    public void pause(Collection<SandboxPortion> portions) {
        long portionBytes = 0;
        for (SandboxPortion portion : portions) {
            portionBytes += portion.memoryBytes();
        }
        limitMemory(instanceMemoryBytes(portionBytes, stems.count()));
        if (driver.idleContainers() == IdleContainers.RUNNING) {
            return;
        }
        for (SandboxPortion portion : portions) {
            try {
                portion.container().freeze();
            } catch (DriverException e) {
                LOG.log(System.Logger.Level.WARNING, "instance {0}: {1}", id, e.getMessage());
            }
        }
    }

    /** Each container keeps a log of its own. */
    @Override
    public long logMark() {
        return 0;
    }

    @Override
    public String logsSince(long mark) {
        return "";
    }

    @Override
    public boolean alive() {
        return cgroup.exists();
    }

    @Override
    public void tearDown() {
        stems.releaseAll();
        driver.awaitBackground(); // the stem cells it discarded are stopped, uids and all
        driver.tearDown(id);
    }

    /**
     * Limits the instance's containers as a whole to {@code bytes}, the sum of their limits: raised
     * before containers start, lowered once they are gone; a limit the kernel cannot lower yet
     * (memory still charged) stays as it was, and is tried again next time. A limit the kernel
     * holds already is not written again: the instance pauses after every invocation, and the next
     * one may wait for that.
     */
    private synchronized void limitMemory(long bytes) {
        if (bytes == memoryLimitBytes) {
            return;
        }
        try {
            memoryLimitBytes = -1;
            cgroup.limitMemory(bytes);
            memoryLimitBytes = bytes;
        } catch (DriverException e) {
            LOG.log(System.Logger.Level.DEBUG, "instance {0}: {1}", id, e.getMessage());
        }
    }

    /** What an instance's containers may use together: the sum of their memory limits. */
    static long instanceMemoryBytes(long portionBytes, int stemCount) {
        return portionBytes + stemCount * StemCells.MEMORY_BYTES;
    }

    private static long portionMemoryBytes(ContainerKey key) {
        return (long) key.limits().memoryMb() << 20;
    }

    /** The invocation's CPU share, never more than this host allows a container. */
    private int cpuPercent(ResourceLimits limits) {
        return limits.cpuPercent() > 0 ? Math.min(limits.cpuPercent(), driver.cpuPercent()) : driver.cpuPercent();
    }

    /**
     * Starts the stem cells for {@code runtime} and waits until their runtimes wait to be staged;
     * meanwhile (~150 ms of CPU each) the instance yields to those serving invocations.
     */
    void growStems(String runtime) throws InterruptedException {
        cpuShares(GROWING_CPU_SHARES);
        try {
            limitMemory(instanceMemoryBytes(0, 2));
            stems.grow(trusted -> startStem(runtime, trusted), INIT_TIMEOUT_MILLIS);
        } finally {
            cpuShares(CgroupV1.DEFAULT_CPU_SHARES);
        }
    }

    private void cpuShares(int shares) {
        try {
            cgroup.cpuShares(shares);
        } catch (DriverException e) {
            LOG.log(System.Logger.Level.WARNING, "instance {0}: {1}", id, e.getMessage());
        }
    }

    private StemCells.Stem startStem(String runtime, boolean trusted) throws DriverException {
        CgroupV1.Limits limits = limits(StemCells.MEMORY_BYTES, StemCells.MAX_PROCESSES, driver.cpuPercent(), trusted);
        Launched launched = launch(trusted, limits, null, null, "a stem cell", (name, uid, containerCgroup, runDir) -> {
            Path taskDir = Files.createDirectory(taskDir(name));
            Files.setPosixFilePermissions(taskDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return containerSpec(
                    uid, containerCgroup, limits, runDir, taskDir, StemCells.workload(trusted), StemCells.TMP_BYTES);
        });
        return new StemCells.Stem(runtime, launched, taskDir(launched.name()));
    }

    /** Makes a stem cell the portion's container: limits first, then code, then its runtime goes. */
    private Launched stage(
            StemCells.Stem stem,
            Invocation invocation,
            ContainerKey wanted,
            PortionSpec spec,
            CgroupV1.Limits limits,
            PortionCalls calls)
            throws IOException, DriverException {
        Launched launched = stem.launched();
        SandboxContainer container = launched.container();
        container.cgroup().limit(limits);
        portionView(invocation, spec, stem.taskDir());
        launched.runtimeApi().servePortionCalls(calls);
        ContainerSpec functionSpec = containerSpec(
                launched.uid(),
                container.cgroup(),
                limits,
                launched.runDir(),
                stem.taskDir(),
                Workload.of(wanted, spec),
                (long) wanted.limits().tmpMb() << 20);
        container.stage(wanted, SandboxCommands.stagingDocument(functionSpec));
        return launched;
    }

    /** The host folder of a container's {@code /var/task}: the agent's, the container may only read it. */
    private Path taskDir(String containerName) {
        return runRoot.resolve(containerName + "-task");
    }

    /**
     * Fills {@code taskDir}, the host folder of a container's {@code /var/task}, with what its
     * portion may see of the code package: its own folder and the shared ones, nothing else.
     */
    private static Path portionView(Invocation invocation, PortionSpec spec, Path taskDir) throws IOException {
        Files.setPosixFilePermissions(taskDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        StagedCode.link(invocation.codeDir(), taskDir, spec.folders());
        return taskDir;
    }

    /** A container's cgroup limits: what the policy allows the function, plus the agent's own processes. */
    private static CgroupV1.Limits limits(long memoryBytes, int maxProcesses, int cpuPercent, boolean trusted) {
        return new CgroupV1.Limits(
                memoryBytes, maxProcesses + PROCESS_OVERHEAD + (trusted ? EGRESS_PROCESS_OVERHEAD : 0), cpuPercent);
    }

    /** A container's spec; trusted containers alone get the egress proxy. */
    private ContainerSpec containerSpec(
            int uid,
            CgroupV1 containerCgroup,
            CgroupV1.Limits limits,
            Path runDir,
            Path codeDir,
            Workload workload,
            long tmpBytes) {
        return new ContainerSpec(
                uid,
                containerCgroup.relativePath(),
                limits,
                containerCgroup.procsFiles(),
                driver.seccompFile(),
                runDir,
                codeDir,
                driver.runtimesDir(),
                driver.etcDir(),
                driver.mountPoints(),
                tmpBytes,
                workload,
                workload.trusted());
    }

    /**
     * Starts a container in its own cgroup, uid and folder, with its Runtime API and (trusted only)
     * egress proxy; on failure, nothing of it is left. {@code what} names it in the agent's events.
     */
    private Launched launch(
            boolean trusted,
            CgroupV1.Limits limits,
            ContainerKey key,
            PortionCalls calls,
            String what,
            SpecFactory specs)
            throws DriverException {
        String name = "c" + (++containersStarted);
        String containerId = id + "-" + name;
        int uid = driver.uids().acquire();
        CgroupV1 containerCgroup = cgroup.child(name);
        RuntimeApiServer runtimeApi = null;
        EgressProxy proxy = null;
        Path runDir = runRoot.resolve(name);
        try {
            containerCgroup.create();
            containerCgroup.limit(limits);
            Files.createDirectories(runDir);
            ContainerLog log = new ContainerLog(dir.resolve("logs").resolve(name + ".log"));
            RuntimeSession session = new RuntimeSession();
            ThreadPlacement agentThreads = cgroup.agentThreads();
            runtimeApi = RuntimeApiServer.start(
                    runDir.resolve(SandboxCommands.RUNTIME_SOCKET), containerId, calls, agentThreads);
            runtimeApi.attach(session);
            OwnedFiles.ownedBy(runtimeApi.socket(), uid, "rw-------");
            if (trusted) { // the way out, and to the auxiliary services
                proxy = EgressProxy.start(
                        runDir.resolve(SandboxCommands.EGRESS_SOCKET),
                        containerId,
                        InterfaceAddresses::read,
                        agentThreads);
                OwnedFiles.ownedBy(proxy.socket(), uid, "rw-------");
            }
            OwnedFiles.ownedBy(runDir, uid, "rwx------");
            ContainerSpec containerSpec = specs.of(name, uid, containerCgroup, runDir);
            SandboxContainer container = SandboxContainer.start(
                    key,
                    driver.launcher().command(containerId, containerSpec),
                    containerCgroup,
                    log,
                    session,
                    () -> {
                        driver.launcher().remove(containerId);
                        driver.uids().release(uid);
                    },
                    () -> events.publish(EventSink.CONTAINER_EXITED, id, what + " exited"));
            return new Launched(name, uid, trusted, container, runtimeApi, proxy, runDir);
        } catch (IOException | DriverException e) {
            if (runtimeApi != null) {
                runtimeApi.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            containerCgroup.destroy();
            driver.launcher().remove(containerId);
            driver.uids().release(uid);
            throw e instanceof DriverException d
                    ? d
                    : new DriverException("cannot prepare " + what + ": " + e.getMessage(), e);
        }
    }
}
