package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.domain.network.NetworkPolicy;
import dev.hearth.hypervisor.api.host.InterfaceAddresses;
import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.InvokeResult;
import dev.hearth.hypervisor.api.wire.PortionSpec;
import dev.hearth.hypervisor.api.wire.ResourceLimits;
import dev.hearth.hypervisor.host.code.StagedCode;
import dev.hearth.hypervisor.host.driver.ContainerKey;
import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.DriverInstance;
import dev.hearth.hypervisor.host.driver.EventSink;
import dev.hearth.hypervisor.host.driver.Invocation;
import dev.hearth.hypervisor.host.driver.Outcome;
import dev.hearth.hypervisor.host.driver.RuntimeContract;
import dev.hearth.hypervisor.host.driver.Workload;
import dev.hearth.hypervisor.host.egress.EgressProxy;
import dev.hearth.hypervisor.host.runtimeapi.PendingEvent;
import dev.hearth.hypervisor.host.runtimeapi.PortionCalls;
import dev.hearth.hypervisor.host.runtimeapi.PortionCalls.PortionAnswer;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeApiServer;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeSession;
import dev.hearth.hypervisor.host.threads.ThreadPlacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A sandbox instance: a cgroup with one container per portion of the function it runs, each in
 * namespaces of its own (none shared, not even the network), with its own uid, Runtime API server
 * and folder at {@code /run/hearth}. The entry portion gets the invocation's event; it reaches the
 * other portions only through {@link PortionCalls} on its Runtime API. Trusted portions alone get
 * the invocation's credential (a file, replaced per invocation and removed after it) and an
 * {@link EgressProxy}.
 *
 * <p>A warming-pool instance booted for a runtime holds stem cells: an untrusted and a trusted container
 * started before any function is known, their runtime process up and waiting. The first
 * invocation stages its code (hard links into the folder the stem has at {@code /var/task}), its
 * limits (the stem's cgroup) and its environment into them instead of starting containers;
 * stem cells it does not use are stopped then.
 */
final class SandboxInstance implements DriverInstance {

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

    /**
     * What a stem cell is started with, the policy's defaults: a function that asks for another
     * /tmp size gets containers of its own (the size of a mounted tmpfs is fixed); its memory,
     * processes and CPU are set on the stem's cgroup when it is staged.
     */
    static final long STEM_TMP_BYTES = 16L << 20;

    private static final long STEM_MEMORY_BYTES = 128L << 20;
    private static final int STEM_MAX_PROCESSES = 32;

    /** The CPU weight of an instance while its stem cells start; the kernel's default is 1024. */
    private static final int GROWING_CPU_SHARES = 16;

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.sandbox");

    /** A started container and what the agent serves it. */
    private record Launched(
            String name,
            int uid,
            boolean trusted,
            SandboxContainer container,
            RuntimeApiServer runtimeApi,
            EgressProxy egress,
            Path runDir) {

        /** Closes what the agent serves it; the container itself goes with its cgroup. */
        void release() {
            runtimeApi.close();
            if (egress != null) {
                egress.close();
            }
        }

        void stop() {
            container.stop();
            release();
        }
    }

    /** One running portion: its container and what the agent serves it. */
    private record Portion(PortionSpec spec, Launched launched) {

        SandboxContainer container() {
            return launched.container();
        }

        EgressProxy egress() {
            return launched.egress();
        }

        Path runDir() {
            return launched.runDir();
        }

        boolean trusted() {
            return launched.trusted();
        }

        void stop() {
            launched.stop();
        }
    }

    /** A stem cell for {@code runtime}; the host folder {@code taskDir} is its {@code /var/task}. */
    private record Stem(String runtime, Launched launched, Path taskDir) {}

    /** How a container's spec is made once its name, uid, cgroup and folder are known. */
    @FunctionalInterface
    private interface SpecFactory {
        ContainerSpec of(String name, int uid, CgroupV1 cgroup, Path runDir) throws IOException;
    }

    /** The invocation under way, as portion calls need it; they add their output to {@code logs}. */
    private record Current(PortionCalls.Running running, StringBuffer logs) {}

    private final String id;
    private final Path dir;
    private final Path runRoot;
    private final CgroupV1 cgroup;
    private final SandboxDriver driver;
    private final EventSink events;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile Map<String, Portion> portions = Map.of();
    private volatile List<Stem> stems = List.of();
    private volatile Current current;
    private ContainerKey key;
    private int containersStarted;
    private volatile boolean destroyed;

    SandboxInstance(String id, Path dir, Path runRoot, CgroupV1 cgroup, SandboxDriver driver, EventSink events) {
        this.id = id;
        this.dir = dir;
        this.runRoot = runRoot;
        this.cgroup = cgroup;
        this.driver = driver;
        this.events = events;
    }

    /**
     * Runs the invocation; afterwards, once the answer is on its way, the function's containers
     * are frozen until the next one (off the invocation's path, on the driver's background thread).
     */
    @Override
    public InvokeResult invoke(Invocation invocation) throws DriverException, InterruptedException {
        lock.lockInterruptibly();
        try {
            return invokeThawed(invocation);
        } finally {
            lock.unlock();
            // After the unlock (the task takes the lock only if no invocation holds it), and after
            // the stem cells the invocation let go were stopped on the same thread.
            try {
                driver.background().execute(this::settleIfIdle);
            } catch (RejectedExecutionException e) {
                // The driver is closing: the instance goes with it.
            }
        }
    }

    private InvokeResult invokeThawed(Invocation invocation) throws DriverException, InterruptedException {
        if (destroyed) {
            throw new DriverException("instance " + id + " was destroyed");
        }
        thawAll();
        ContainerKey wanted = ContainerKey.of(invocation);
        boolean created = false;
        long initMillis = 0;
        if (!serves(wanted)) {
            stopAll();
            // The stem cells about to be staged count twice until the instance settles.
            limitMemory(instanceMemoryBytes(
                    invocation.request().portions().size(), portionMemoryBytes(wanted), stems.size()));
            long started = System.nanoTime();
            startAll(invocation, wanted);
            created = true;
            for (Portion portion : portions.values()) {
                long left = INIT_TIMEOUT_MILLIS - (System.nanoTime() - started) / 1_000_000;
                SandboxContainer.Run failedInit = portion.container().awaitInit(Math.max(1, left));
                if (failedInit != null) {
                    stopAll();
                    return result(
                            invocation,
                            failedInit.outcome(),
                            failedInit,
                            true,
                            failedInit.millis(),
                            0,
                            failedInit.logTail());
                }
            }
            initMillis = (System.nanoTime() - started) / 1_000_000;
        }
        InvokeResult result = run(invocation, created, initMillis);
        if (created) {
            // Once it ran, not before: killing them takes CPU the invocation had better have.
            stopStems(driver.background());
        }
        return result;
    }

    /**
     * Between invocations: fits the instance's memory limit to the containers it holds now, and
     * freezes them (their egress routes closed when the invocation ended). Not while an invocation
     * holds the instance (it settles it when it ends), nor once the instance is gone.
     */
    private void settleIfIdle() {
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (destroyed) {
                return;
            }
            limitMemory(instanceMemoryBytes(portions.size(), key == null ? 0 : portionMemoryBytes(key), stems.size()));
            if (driver.idleContainers() == IdleContainers.RUNNING) {
                return;
            }
            for (Portion portion : portions.values()) {
                try {
                    portion.container().freeze();
                } catch (DriverException e) {
                    LOG.log(System.Logger.Level.WARNING, "instance {0}: {1}", id, e.getMessage());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Limits the instance's containers as a whole to {@code bytes}, the sum of their limits: raised
     * before containers start, lowered once they are gone; a limit the kernel cannot lower yet
     * (memory still charged) stays as it was.
     */
    private void limitMemory(long bytes) {
        try {
            cgroup.limitMemory(bytes);
        } catch (DriverException e) {
            LOG.log(System.Logger.Level.DEBUG, "instance {0}: {1}", id, e.getMessage());
        }
    }

    /** What an instance's containers may use together: the sum of their memory limits. */
    static long instanceMemoryBytes(int portionCount, long portionBytes, int stemCount) {
        return portionCount * portionBytes + stemCount * STEM_MEMORY_BYTES;
    }

    private static long portionMemoryBytes(ContainerKey key) {
        return (long) key.limits().memoryMb() << 20;
    }

    /** Lets the function's containers run again; one that cannot be thawed is stopped, and started anew. */
    private void thawAll() {
        try {
            for (Portion portion : portions.values()) {
                portion.container().thaw();
            }
        } catch (DriverException e) {
            LOG.log(System.Logger.Level.WARNING, "instance {0}: {1}", id, e.getMessage());
            stopAll();
        }
    }

    private boolean serves(ContainerKey wanted) {
        return !portions.isEmpty()
                && wanted.equals(key)
                && portions.values().stream().allMatch(p -> p.container().serves(wanted));
    }

    private InvokeResult run(Invocation invocation, boolean created, long initMillis)
            throws DriverException, InterruptedException {
        InvokeRequest request = invocation.request();
        long timeout = request.limits().timeoutMillis();
        Portion entry = portions.get(invocation.entry().name());
        // The entry's own limits are told by its run; the others' by their cgroups' counters.
        Map<Portion, long[]> countersBefore = new LinkedHashMap<>();
        long denialsBefore = 0;
        for (Portion portion : portions.values()) {
            if (portion != entry) {
                countersBefore.put(portion, new long[] {
                    portion.container().cgroup().oomKills(),
                    portion.container().cgroup().forksRefused()
                });
            }
            if (portion.trusted()) {
                writeCredential(portion, request.credential());
                writeSecrets(portion, request.secretsOf(portion.spec().name()));
            }
            if (portion.egress() != null) {
                portion.egress()
                        .allow(
                                request.egressAllowList() == null ? List.of() : request.egressAllowList(),
                                NetworkPolicy.parseAllowedPrivateNetworks(
                                        request.allowedPrivateNetworks() == null
                                                ? List.of()
                                                : request.allowedPrivateNetworks()),
                                request.auxiliaryUrl() == null
                                        ? null
                                        : EgressProxy.auxiliaryBase(request.auxiliaryUrl()));
                denialsBefore += portion.egress().denials();
            }
        }
        PortionCalls.Running running = new PortionCalls.Running(
                invocation.requestId(),
                System.currentTimeMillis() + timeout,
                PendingEvent.functionArn(request.functionName()));
        current = new Current(running, new StringBuffer());
        SandboxContainer.Run run;
        StringBuffer otherLogs = current.logs();
        try {
            PendingEvent event = PendingEvent.of(
                    running.requestId(), request.event(), running.deadlineEpochMillis(), running.functionArn());
            run = entry.container().invoke(event, timeout);
        } finally {
            current = null;
        }
        long denialsAfter = 0;
        Outcome otherPortionLimit = null;
        for (Portion portion : portions.values()) {
            if (portion.trusted()) {
                removeCredential(portion);
                SecretFiles.clear(portion.runDir());
            }
            if (portion.egress() != null) {
                // What the function left running has no way out until the next invocation.
                portion.egress().closeRoute();
                denialsAfter += portion.egress().denials();
            }
            long[] before = countersBefore.get(portion);
            if (before == null) {
                continue;
            }
            if (portion.container().cgroup().oomKills() > before[0]) {
                otherPortionLimit = Outcome.MEMORY_LIMIT_EXCEEDED;
            } else if (portion.container().cgroup().forksRefused() > before[1]) {
                otherPortionLimit = otherPortionLimit == null ? Outcome.PROCESS_LIMIT_EXCEEDED : otherPortionLimit;
            }
        }
        Outcome outcome = Outcome.ofInvocation(run.outcome(), denialsAfter > denialsBefore, otherPortionLimit);
        if (outcome == Outcome.TIMED_OUT) {
            events.publish(EventSink.TIMED_OUT, id, "invocation " + invocation.requestId() + " timed out");
        } else if (outcome == Outcome.MEMORY_LIMIT_EXCEEDED) {
            events.publish(EventSink.OUT_OF_MEMORY, id, "invocation " + invocation.requestId() + " ran out of memory");
        }
        // A limit hit leaves the containers in no state to trust (a fork bomb's children, say).
        boolean limitHit = outcome != Outcome.SUCCESS && outcome != Outcome.ERROR;
        if (limitHit || !portions.values().stream().allMatch(p -> p.container().idle())) {
            stopAll();
        }
        return result(invocation, outcome, run, created, initMillis, run.millis(), run.logTail() + otherLogs);
    }

    /**
     * Serves {@code POST /2018-06-01/hearth/portions/{name}/invoke} from the entry portion:
     * delivers the event to that portion's runtime, within what is left of the invocation's time.
     * Calls to one portion are served one at a time.
     */
    private PortionAnswer callPortion(String entryName, String name, String event) throws InterruptedException {
        Current invocation = current;
        return PortionCalls.serve(
                invocation == null ? null : invocation.running(),
                entryName,
                name,
                portions.get(name),
                target -> target.container().idle(),
                event,
                (target, delivered, left) -> {
                    try {
                        SandboxContainer.Run run = target.container().invoke(delivered, left);
                        invocation.logs().append(run.logTail());
                        if (run.outcome() == Outcome.SUCCESS) {
                            return new PortionAnswer(200, run.payload(), null);
                        }
                        return new PortionAnswer(
                                502,
                                run.payload(),
                                run.outcome() == Outcome.ERROR
                                        ? "Unhandled"
                                        : "Sandbox." + run.outcome().wireName());
                    } catch (DriverException e) {
                        return PortionCalls.answer(502, "the portion could not run", "Sandbox.crashed");
                    }
                });
    }

    /** The result; {@code logs} (all portions' output) keeps its last {@link ContainerLog#TAIL_BYTES}. */
    private static InvokeResult result(
            Invocation invocation,
            Outcome outcome,
            SandboxContainer.Run run,
            boolean created,
            long initMillis,
            long runMillis,
            String logs) {
        return new InvokeResult(
                invocation.requestId(),
                outcome.wireName(),
                run.payload(),
                created,
                initMillis,
                runMillis,
                logs.substring(Math.max(0, logs.length() - ContainerLog.TAIL_BYTES)));
    }

    /** Starts one container per portion; on failure, none is left. */
    private void startAll(Invocation invocation, ContainerKey wanted) throws DriverException {
        Map<String, Portion> started = new LinkedHashMap<>();
        try {
            for (PortionSpec spec : invocation.request().portions()) {
                started.put(spec.name(), startPortion(invocation, wanted, spec));
            }
        } catch (DriverException e) {
            started.values().forEach(Portion::stop);
            throw e;
        }
        portions = Map.copyOf(started);
        key = wanted;
    }

    /** The invocation's CPU share, never more than this host allows a container. */
    private int cpuPercent(ResourceLimits limits) {
        return limits.cpuPercent() > 0 ? Math.min(limits.cpuPercent(), driver.cpuPercent()) : driver.cpuPercent();
    }

    private Portion startPortion(Invocation invocation, ContainerKey wanted, PortionSpec spec) throws DriverException {
        ResourceLimits policy = invocation.request().limits();
        boolean trusted = "trusted".equals(spec.trustLevel());
        CgroupV1.Limits limits =
                limits((long) policy.memoryMb() << 20, policy.maxProcesses(), cpuPercent(policy), trusted);
        String entryName = invocation.entry().name();
        PortionCalls calls = spec.name().equals(entryName) ? (n, e) -> callPortion(entryName, n, e) : null;
        Stem stem = takeStem(invocation.request().runtime(), trusted, (long) policy.tmpMb() << 20);
        if (stem != null) {
            try {
                return stage(stem, invocation, wanted, spec, limits, calls);
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
                        Workload.of(wanted, spec),
                        (long) policy.tmpMb() << 20));
        return new Portion(spec, launched);
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

    /** What a stem cell runs until it is staged. */
    private static Workload stemWorkload(boolean trusted) {
        return new Workload(
                SandboxCommands.STEM_RUNTIME, "", "", "", trusted, "", (int) (STEM_MEMORY_BYTES >> 20), Map.of());
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
     * Starts the stem cells for {@code runtime}, an untrusted and a trusted one, and waits until
     * their runtimes wait to be staged. One that does not get there is stopped: the invocation that
     * would have used it starts a container of its own.
     */
    void growStems(String runtime) throws InterruptedException {
        // While they start (~150 ms of CPU each), the instance yields to those serving invocations.
        cpuShares(GROWING_CPU_SHARES);
        try {
            limitMemory(instanceMemoryBytes(0, 0, 2));
            stems = List.copyOf(startStems(runtime));
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

    /** The stem cells that started and wait to be staged. */
    private List<Stem> startStems(String runtime) throws InterruptedException {
        // One after the other: two runtimes starting at once would take both cores of a small host.
        List<Stem> ready = new ArrayList<>();
        for (boolean trusted : List.of(false, true)) {
            Stem stem;
            try {
                stem = startStem(runtime, trusted);
            } catch (DriverException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "cannot start a stem cell in instance {0}: {1}",
                        id,
                        e.getMessage());
                continue;
            }
            boolean waiting;
            try {
                waiting = stem.launched().container().awaitStem(INIT_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                stem.launched().stop();
                ready.forEach(s -> s.launched().stop());
                throw e;
            }
            if (waiting) {
                ready.add(stem);
            } else {
                stem.launched().stop();
                LOG.log(
                        System.Logger.Level.WARNING,
                        "stem cell {0} of instance {1} did not start; see its log",
                        stem.launched().name(),
                        id);
            }
        }
        return ready;
    }

    private Stem startStem(String runtime, boolean trusted) throws DriverException {
        CgroupV1.Limits limits = limits(STEM_MEMORY_BYTES, STEM_MAX_PROCESSES, driver.cpuPercent(), trusted);
        Launched launched = launch(trusted, limits, null, null, "a stem cell", (name, uid, containerCgroup, runDir) -> {
            Path taskDir = Files.createDirectory(taskDir(name));
            Files.setPosixFilePermissions(taskDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return containerSpec(uid, containerCgroup, limits, runDir, taskDir, stemWorkload(trusted), STEM_TMP_BYTES);
        });
        return new Stem(runtime, launched, taskDir(launched.name()));
    }

    /** The host folder of a container's {@code /var/task}: the agent's, the container may only read it. */
    private Path taskDir(String containerName) {
        return runRoot.resolve(containerName + "-task");
    }

    /** A stem cell that can take this portion, no longer held as a stem; null if there is none. */
    private Stem takeStem(String runtime, boolean trusted, long tmpBytes) {
        for (Stem stem : stems) {
            if (stem.runtime().equals(runtime)
                    && stem.launched().trusted() == trusted
                    && tmpBytes == STEM_TMP_BYTES
                    && stem.launched().container().waitingAsStem()) {
                stems = stems.stream().filter(s -> s != stem).toList();
                return stem;
            }
        }
        return null;
    }

    /** Makes a stem cell the portion's container: limits first, then code, then its runtime goes. */
    private Portion stage(
            Stem stem,
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
        return new Portion(spec, launched);
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

    /** Replaces the trusted container's credential file in one step; no credential: no file. */
    private static void writeCredential(Portion portion, String credential) throws DriverException {
        Path file = portion.runDir().resolve(RuntimeContract.CREDENTIAL_FILE);
        try {
            if (credential == null) {
                Files.deleteIfExists(file);
                return;
            }
            OwnedFiles.replace(portion.runDir(), file, credential);
        } catch (IOException e) {
            throw new DriverException(
                    "cannot hand the credential to portion " + portion.spec().name(), e);
        }
    }

    /** Puts exactly the portion's secrets for this invocation into its container, each a file only its uid reads. */
    private static void writeSecrets(Portion portion, Map<String, String> secrets) throws DriverException {
        try {
            SecretFiles.write(portion.runDir(), secrets);
        } catch (IOException e) {
            // The message names the portion only: never a secret's value.
            throw new DriverException(
                    "cannot hand the secrets to portion " + portion.spec().name(), e);
        }
    }

    private static void removeCredential(Portion portion) {
        try {
            Files.deleteIfExists(portion.runDir().resolve(RuntimeContract.CREDENTIAL_FILE));
        } catch (IOException e) {
            // The folder goes with the container; the token expires with the invocation anyway.
        }
    }

    /** Stops the stem cells still held, on {@code executor}. */
    private void stopStems(Executor executor) {
        List<Stem> unused = stems;
        stems = List.of();
        executor.execute(() -> unused.forEach(stem -> stem.launched().stop()));
    }

    private void stopAll() {
        List<Portion> running = new ArrayList<>(portions.values());
        portions = Map.of();
        key = null;
        running.forEach(Portion::stop);
    }

    @Override
    public boolean alive() {
        return !destroyed && cgroup.exists();
    }

    @Override
    public void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        portions.values().forEach(p -> p.launched().release());
        stems.forEach(stem -> stem.launched().release());
        driver.awaitBackground(); // the stem cells it discarded are stopped, uids and all
        driver.tearDown(id);
        if (lock.tryLock()) {
            try {
                stopAll();
                stopStems(Runnable::run);
            } finally {
                lock.unlock();
            }
        }
    }
}
