package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.ContainerKey;
import dev.hearth.hypervisor.host.driver.ContainerState;
import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.Outcome;
import dev.hearth.hypervisor.host.driver.Run;
import dev.hearth.hypervisor.host.runtimeapi.PendingEvent;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeReply;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeSession;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One container: the process tree of one portion, in its own cgroup, speaking the Runtime API
 * through its {@link RuntimeSession}. Not thread-safe: its instance serialises the calls (the
 * entry's from the invoking thread, another portion's under that portion's lock).
 */
final class SandboxContainer {

    /** Whether its processes may run: frozen between invocations, as Lambda freezes its environments. */
    sealed interface Schedule {

        /** Its processes run (a stem cell, a starting container, one serving an invocation). */
        record Running() implements Schedule {}

        /** Its processes stand still, in the cgroup freezer, until the next invocation thaws them. */
        record Frozen() implements Schedule {}
    }

    /**
     * Starts every container's process, and lives as long as the agent. bwrap's {@code
     * --die-with-parent} has the kernel kill a container when the thread that started it ends (the
     * parent-death signal follows that thread, not the process), and the threads that serve the
     * agent's requests end after a minute idle: a container they started died then, or, frozen,
     * at its next invocation ("Runtime exited with status 137").
     */
    private static final ExecutorService STARTER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "container-starter");
        t.setDaemon(true);
        return t;
    });

    private volatile ContainerKey key;
    private final Process process;

    /**
     * Completes when the process ends. Taken once: each {@link Process#onExit} adds a stage to the
     * process's own, which stays until the process ends, so a call per invocation would pile them up.
     */
    private final CompletableFuture<Process> exited;

    private final CgroupV1 cgroup;
    private final ContainerLog log;
    private final RuntimeSession session;
    private final Runnable onStopped;
    private volatile ContainerState state;
    private volatile Schedule schedule = new Schedule.Running();
    private volatile boolean stopped;

    private SandboxContainer(
            ContainerKey key,
            Process process,
            CgroupV1 cgroup,
            ContainerLog log,
            RuntimeSession session,
            Runnable onStopped,
            long startedNanos) {
        this.key = key;
        this.process = process;
        this.exited = process.onExit();
        this.cgroup = cgroup;
        this.log = log;
        this.session = session;
        this.onStopped = onStopped;
        this.state = key == null ? new ContainerState.Stem() : new ContainerState.Starting(startedNanos);
    }

    /**
     * Starts {@code command} for the containers of {@code key}, or as a stem cell when {@code key}
     * is null; {@code onStopped} runs once it is stopped (to free its uid), {@code
     * onExitedByItself} when its process ends before anyone stopped it.
     */
    static SandboxContainer start(
            ContainerKey key,
            List<String> command,
            CgroupV1 cgroup,
            ContainerLog log,
            RuntimeSession session,
            Runnable onStopped,
            Runnable onExitedByItself)
            throws DriverException {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.file().toFile()))
                .redirectInput(Redirect.from(new File("/dev/null")));
        try {
            Process process = startOnStarter(builder);
            SandboxContainer container = new SandboxContainer(key, process, cgroup, log, session, onStopped, started);
            container.exited.thenRun(() -> {
                if (!container.stopped) {
                    onExitedByItself.run();
                }
            });
            return container;
        } catch (IOException e) {
            throw new DriverException("cannot start a container: " + e.getMessage(), e);
        }
    }

    /** Starts {@code builder}'s process on {@link #STARTER}; waits for it even when interrupted: the caller owns it. */
    private static Process startOnStarter(ProcessBuilder builder) throws IOException {
        try {
            return CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return builder.start();
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            },
                            STARTER)
                    .join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    /** Waits until a stem cell's runtime asks what to run; false if it died or took too long. */
    boolean awaitStem(long timeoutMillis) throws InterruptedException {
        await(CompletableFuture.anyOf(session.stemWaiting(), exited), timeoutMillis);
        return waitingAsStem();
    }

    /** Whether this is a stem cell, alive and waiting to be staged. */
    boolean waitingAsStem() {
        return state instanceof ContainerState.Stem && session.stemWaiting().isDone() && process.isAlive();
    }

    /** Makes this stem cell the container of {@code staged}; its runtime starts once handed the document. */
    void stage(ContainerKey staged, String document) {
        state = state.staged(System.nanoTime());
        key = staged;
        session.stage(document);
    }

    /** Stops its processes where they are until {@link #thaw}: whatever the function left running. */
    void freeze() throws DriverException {
        if (schedule instanceof Schedule.Running && !stopped) {
            cgroup.freeze();
            schedule = new Schedule.Frozen();
        }
    }

    /** Lets its processes run again, before an event is delivered to it. */
    void thaw() throws DriverException {
        if (schedule instanceof Schedule.Frozen) {
            cgroup.thaw();
            schedule = new Schedule.Running();
        }
    }

    boolean serves(ContainerKey wanted) {
        return state instanceof ContainerState.Idle && key.equals(wanted) && process.isAlive();
    }

    boolean idle() {
        return state instanceof ContainerState.Idle && process.isAlive();
    }

    CgroupV1 cgroup() {
        return cgroup;
    }

    long initMillis() {
        return state instanceof ContainerState.Idle idle ? idle.initMillis() : 0;
    }

    /** Waits until the runtime first asks for work; null then, else how the init failed. */
    Run awaitInit(long timeoutMillis) throws InterruptedException {
        long started = System.nanoTime();
        await(CompletableFuture.anyOf(session.ready(), session.initError(), exited), timeoutMillis);
        if (session.ready().isDone() && !session.initError().isDone() && process.isAlive()) {
            state = state.initialised(System.nanoTime());
            return null;
        }
        Outcome.Ending ending = session.initError().isDone()
                ? Outcome.Ending.REPORTED_ERROR
                : process.isAlive() ? Outcome.Ending.TIMED_OUT : Outcome.Ending.EXITED;
        Outcome outcome = failed(Outcome.Phase.INIT, ending, 0, 0);
        String payload = session.initError().getNow(null);
        return new Run(
                outcome,
                payload != null ? payload : failureDocument(outcome, Outcome.Phase.INIT, timeoutMillis),
                (System.nanoTime() - started) / 1_000_000,
                log.tailSince(0));
    }

    /** Delivers one event and waits for the runtime's reply, the process's end or the timeout. */
    Run invoke(PendingEvent event, long timeoutMillis) throws InterruptedException, DriverException {
        state = state.busy(event.requestId());
        long mark;
        try {
            mark = log.mark();
        } catch (IOException e) {
            throw new DriverException("cannot prepare the container log: " + e.getMessage(), e);
        }
        long oomBefore = cgroup.oomKills();
        long forksBefore = cgroup.forksRefused();
        long started = System.nanoTime();
        CompletableFuture<RuntimeReply> reply = session.submit(event);
        await(CompletableFuture.anyOf(reply, exited), timeoutMillis);
        long millis = (System.nanoTime() - started) / 1_000_000;
        RuntimeReply answer = reply.getNow(null);
        if (answer != null && !answer.error()) {
            state = state.done();
            return new Run(Outcome.SUCCESS, answer.body(), millis, log.tailSince(mark));
        }
        if (answer != null) {
            state = state.done();
            Outcome outcome = failed(Outcome.Phase.INVOCATION, Outcome.Ending.REPORTED_ERROR, oomBefore, forksBefore);
            return new Run(outcome, answer.body(), millis, log.tailSince(mark));
        }
        session.abandon(event.requestId());
        Outcome outcome = failed(
                Outcome.Phase.INVOCATION,
                process.isAlive() ? Outcome.Ending.TIMED_OUT : Outcome.Ending.EXITED,
                oomBefore,
                forksBefore);
        return new Run(
                outcome,
                failureDocument(outcome, Outcome.Phase.INVOCATION, timeoutMillis),
                millis,
                log.tailSince(mark));
    }

    /**
     * Classifies a failure. A container still running when its time is up is killed first, so
     * that its cgroup counters are final when they are read.
     */
    private Outcome failed(Outcome.Phase phase, Outcome.Ending ending, long oomBefore, long forksBefore)
            throws InterruptedException {
        if (ending != Outcome.Ending.REPORTED_ERROR) {
            cgroup.killAll();
            process.waitFor(2, TimeUnit.SECONDS);
        }
        Outcome outcome = Outcome.ofFailure(
                phase, ending, Outcome.LimitHit.of(cgroup.oomKills() - oomBefore, cgroup.forksRefused() - forksBefore));
        if (!process.isAlive()) {
            state = state.exited(outcome.wireName());
        }
        return outcome;
    }

    private String failureDocument(Outcome outcome, Outcome.Phase phase, long timeoutMillis) {
        return Run.failureDocument(outcome, phase, timeoutMillis, key.limits().memoryMb(), exitStatus());
    }

    private String exitStatus() {
        return process.isAlive() ? "unknown" : Integer.toString(process.exitValue());
    }

    /** Kills the container's processes and removes its cgroup; safe to call twice. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        session.close();
        cgroup.destroy();
        process.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        state = state.exited("stopped");
        onStopped.run();
    }

    private static void await(CompletableFuture<?> future, long timeoutMillis) throws InterruptedException {
        try {
            future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // The caller reads what happened from the futures and the process.
        }
    }
}
