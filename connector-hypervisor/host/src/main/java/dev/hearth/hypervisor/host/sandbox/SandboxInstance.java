package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.InvokeResult;
import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.DriverInstance;
import dev.hearth.hypervisor.host.driver.Invocation;
import dev.hearth.hypervisor.host.runtimeapi.PendingEvent;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeApiServer;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeSession;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A sandbox instance: network namespace, cgroup, relay and Runtime API server, plus the
 * container currently running in it. Only the entry portion gets a container for now; the other
 * portions (and their trust levels) come with multi-portion support.
 */
final class SandboxInstance implements DriverInstance {

    /** How long a runtime may take to start before it first asks for work (as on AWS Lambda). */
    static final long INIT_TIMEOUT_MILLIS = 10_000;

    /** Processes of a container that are not the function's: bwrap and its init in the new pid namespace. */
    static final int PROCESS_OVERHEAD = 2;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final Path dir;
    private final CgroupV1 cgroup;
    private final RuntimeApiServer runtimeApi;
    private final Process relay;
    private final SandboxDriver driver;
    private final ReentrantLock lock = new ReentrantLock(true);
    private SandboxContainer current;
    private int containersStarted;
    private volatile boolean destroyed;

    SandboxInstance(
            String id, Path dir, CgroupV1 cgroup, RuntimeApiServer runtimeApi, Process relay, SandboxDriver driver) {
        this.id = id;
        this.dir = dir;
        this.cgroup = cgroup;
        this.runtimeApi = runtimeApi;
        this.relay = relay;
        this.driver = driver;
    }

    @Override
    public InvokeResult invoke(Invocation invocation) throws DriverException, InterruptedException {
        lock.lockInterruptibly();
        try {
            if (destroyed) {
                throw new DriverException("instance " + id + " was destroyed");
            }
            ContainerKey key = ContainerKey.of(invocation);
            boolean created = false;
            long initMillis = 0;
            if (current == null || !current.serves(key)) {
                stopCurrent();
                current = startContainer(invocation, key);
                created = true;
                SandboxContainer.Run failedInit = current.awaitInit(INIT_TIMEOUT_MILLIS);
                if (failedInit != null) {
                    stopCurrent();
                    return result(invocation, failedInit, true, failedInit.millis(), 0);
                }
                initMillis = current.initMillis();
            }
            InvokeRequest request = invocation.request();
            long timeout = request.limits().timeoutMillis();
            PendingEvent event = new PendingEvent(
                    invocation.requestId(),
                    request.event() == null ? "{}" : request.event(),
                    System.currentTimeMillis() + timeout,
                    "arn:aws:lambda:hearth:000000000000:function:" + request.functionName(),
                    traceId());
            SandboxContainer.Run run = current.invoke(event, timeout);
            if (!current.idle()) {
                stopCurrent();
            }
            return result(invocation, run, created, initMillis, run.millis());
        } finally {
            lock.unlock();
        }
    }

    private static InvokeResult result(
            Invocation invocation, SandboxContainer.Run run, boolean created, long initMillis, long runMillis) {
        return new InvokeResult(
                invocation.requestId(),
                run.outcome().wireName(),
                run.payload(),
                created,
                initMillis,
                runMillis,
                run.logTail());
    }

    private SandboxContainer startContainer(Invocation invocation, ContainerKey key) throws DriverException {
        InvokeRequest request = invocation.request();
        String name = "c" + (++containersStarted);
        int uid = driver.uids().acquire();
        CgroupV1 containerCgroup = cgroup.child(name);
        try {
            containerCgroup.create();
            containerCgroup.limit(
                    (long) request.limits().memoryMb() << 20, request.limits().maxProcesses() + PROCESS_OVERHEAD);
            ContainerLog log = new ContainerLog(dir.resolve("logs").resolve(name + ".log"));
            RuntimeSession session = new RuntimeSession();
            runtimeApi.attach(session);
            ContainerSpec spec = new ContainerSpec(
                    SandboxCommands.netnsName(id),
                    uid,
                    containerCgroup.procsFiles(),
                    invocation.codeDir(),
                    driver.runtimesDir(),
                    driver.etcDir(),
                    (long) request.limits().tmpMb() << 20,
                    request.runtime(),
                    portionPath(invocation.entry().path()),
                    invocation.entry().handler(),
                    request.functionName(),
                    request.limits().memoryMb(),
                    key.environment());
            return SandboxContainer.start(
                    key,
                    SandboxCommands.inCgroups(
                            containerCgroup.procsFiles(), SandboxCommands.container(spec, driver.layout())),
                    containerCgroup,
                    log,
                    session,
                    () -> driver.uids().release(uid));
        } catch (IOException | DriverException e) {
            containerCgroup.destroy();
            driver.uids().release(uid);
            throw e instanceof DriverException d
                    ? d
                    : new DriverException("cannot create the container log: " + e.getMessage(), e);
        }
    }

    /** The portion's folder in normalised relative form; the agent has checked that it stays inside. */
    static String portionPath(String path) {
        if (path == null) {
            return "";
        }
        Path normal = Path.of(path).normalize();
        String text = normal.toString();
        return text.equals(".") ? "" : text;
    }

    private void stopCurrent() {
        if (current != null) {
            current.stop();
            current = null;
        }
    }

    private static String traceId() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + HexFormat.of().formatHex(random) + ";Sampled=0";
    }

    @Override
    public boolean alive() {
        return !destroyed && relay.isAlive();
    }

    @Override
    public void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        runtimeApi.close();
        driver.tearDown(id);
        relay.destroyForcibly();
        if (lock.tryLock()) {
            try {
                stopCurrent();
            } finally {
                lock.unlock();
            }
        }
    }
}
