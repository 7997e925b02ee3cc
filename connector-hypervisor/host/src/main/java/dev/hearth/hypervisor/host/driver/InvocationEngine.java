package dev.hearth.hypervisor.host.driver;

import dev.hearth.hypervisor.host.runtimeapi.ErrorDocument;
import dev.hearth.hypervisor.host.runtimeapi.PendingEvent;
import dev.hearth.hypervisor.host.runtimeapi.PortionCalls;
import dev.hearth.hypervisor.host.runtimeapi.PortionCalls.PortionAnswer;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.PortionSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How an instance runs invocations, whichever driver made it: one at a time (a fair lock); the
 * instance resumed first; the containers reused while invocations name the same {@link
 * ContainerKey}, else stopped and one started per portion and awaited until each runtime asks for
 * work; the event delivered to the entry portion, which reaches the others only through {@link
 * PortionCalls}; the outcome classified, timeouts and memory kills reported as events, and
 * containers that hit a limit stopped. Once the answer is on its way the instance is paused, on
 * {@code background}, if no invocation has taken it meanwhile. The driver's part is its {@link
 * ContainerHost} and {@link PortionContainer}s.
 */
public final class InvocationEngine<C extends PortionContainer> implements DriverInstance {

    /** The most of the runtimes' output a result carries (the end of it). */
    static final int LOG_TAIL_CHARS = 4096;

    /** The invocation under way, as portion calls need it; they add their output to {@code logs}. */
    private record Current(PortionCalls.Running running, StringBuffer logs) {}

    private final String id;
    private final ContainerHost<C> host;
    private final EventSink events;
    private final Executor background;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile Map<String, C> containers = Map.of();
    private volatile Current current;
    private ContainerKey key;
    private volatile boolean destroyed;

    public InvocationEngine(String id, ContainerHost<C> host, EventSink events, Executor background) {
        this.id = id;
        this.host = host;
        this.events = events;
        this.background = background;
    }

    @Override
    public InvokeResult invoke(Invocation invocation) throws DriverException, InterruptedException {
        lock.lockInterruptibly();
        try {
            return invokeResumed(invocation);
        } finally {
            lock.unlock();
            pauseWhenIdle();
        }
    }

    /**
     * Has the instance paused on the background executor once no invocation holds it: after each
     * invocation, and by a driver whose new instance should not run until its first.
     */
    public void pauseWhenIdle() {
        try {
            // The task takes the lock only if no invocation holds it.
            background.execute(this::pauseIfIdle);
        } catch (RejectedExecutionException e) {
            // The driver is closing: the instance goes with it.
        }
    }

    private InvokeResult invokeResumed(Invocation invocation) throws DriverException, InterruptedException {
        if (destroyed) {
            throw new DriverException("instance " + id + " was destroyed");
        }
        if (!host.resume(containers.values())) {
            stopAll();
        }
        ContainerKey wanted = ContainerKey.of(invocation);
        long logMark = host.logMark();
        if (serves(wanted)) {
            return run(invocation, false, 0, logMark);
        }
        stopAll();
        String refusal = host.admit(wanted);
        if (refusal != null) {
            return result(
                    invocation,
                    new Run(Outcome.INIT_ERROR, ErrorDocument.of(refusal, "Hearth.Unsupported"), 0, ""),
                    false,
                    0,
                    host.logsSince(logMark));
        }
        long started = System.nanoTime();
        startAll(invocation, wanted);
        for (C container : containers.values()) {
            long left = host.initTimeoutMillis() - millisSince(started);
            Run failedInit = container.awaitInit(Math.max(1, left));
            if (failedInit != null) {
                stopAll();
                return result(
                        invocation,
                        new Run(failedInit.outcome(), failedInit.payload(), 0, failedInit.logTail()),
                        true,
                        millisSince(started),
                        host.logsSince(logMark));
            }
        }
        InvokeResult result = run(invocation, true, millisSince(started), logMark);
        // Once it ran, not before: stopping them takes CPU the invocation had better have.
        host.releaseSpares(background);
        return result;
    }

    private boolean serves(ContainerKey wanted) {
        return !containers.isEmpty() && wanted.equals(key) && allIdle();
    }

    /** Starts one container per portion, the entry's able to call the others; on failure, none is left. */
    private void startAll(Invocation invocation, ContainerKey wanted) throws DriverException, InterruptedException {
        Map<String, C> started = new LinkedHashMap<>();
        List<PortionSpec> portions = wanted.portions();
        try {
            for (int index = 0; index < portions.size(); index++) {
                PortionSpec spec = portions.get(index);
                PortionCalls calls = spec.name().equals(wanted.entryPortion())
                        ? (name, event) -> callPortion(wanted.entryPortion(), name, event)
                        : null;
                started.put(spec.name(), host.start(invocation, wanted, spec, index, calls));
            }
        } catch (DriverException | InterruptedException | RuntimeException e) {
            stopEach(started.values());
            throw e;
        }
        containers = Map.copyOf(started);
        key = wanted;
    }

    private InvokeResult run(Invocation invocation, boolean created, long initMillis, long logMark)
            throws DriverException, InterruptedException {
        InvokeRequest request = invocation.request();
        long timeout = request.limits().timeoutMillis();
        C entry = containers.get(invocation.entry().name());
        long denialsBefore = 0;
        for (C container : containers.values()) {
            container.open(request, container == entry);
            denialsBefore += container.egressDenials();
        }
        PortionCalls.Running running = new PortionCalls.Running(
                invocation.requestId(),
                System.currentTimeMillis() + timeout,
                PendingEvent.functionArn(request.functionName()));
        Current invocationNow = new Current(running, new StringBuffer());
        current = invocationNow;
        Run run;
        try {
            run = entry.deliver(
                    PendingEvent.of(
                            running.requestId(), request.event(), running.deadlineEpochMillis(), running.functionArn()),
                    timeout);
        } finally {
            current = null;
        }
        long denialsAfter = 0;
        Outcome.LimitHit otherPortions = Outcome.LimitHit.NONE;
        for (C container : containers.values()) {
            // What the function left running has no way out until the next invocation.
            container.close();
            denialsAfter += container.egressDenials();
            if (container != entry) {
                otherPortions = otherPortions.and(container.limitHitSinceOpen());
            }
        }
        Outcome outcome = Outcome.ofInvocation(run.outcome(), denialsAfter > denialsBefore, otherPortions);
        if (outcome == Outcome.TIMED_OUT) {
            events.publish(EventSink.TIMED_OUT, id, "invocation " + invocation.requestId() + " timed out");
        } else if (outcome == Outcome.MEMORY_LIMIT_EXCEEDED) {
            events.publish(EventSink.OUT_OF_MEMORY, id, "invocation " + invocation.requestId() + " ran out of memory");
        }
        // A limit hit leaves the containers in no state to trust (a fork bomb's children, say).
        boolean limitHit = outcome != Outcome.SUCCESS && outcome != Outcome.ERROR;
        if (limitHit || !allIdle()) {
            stopAll();
        }
        return result(
                invocation,
                new Run(outcome, run.payload(), run.millis(), run.logTail() + invocationNow.logs()),
                created,
                initMillis,
                host.logsSince(logMark));
    }

    private boolean allIdle() {
        for (C container : containers.values()) {
            if (!container.idle()) {
                return false;
            }
        }
        return true;
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
                containers.get(name),
                PortionContainer::idle,
                event,
                (target, delivered, left) -> {
                    Run run;
                    try {
                        run = target.deliver(delivered, left);
                    } catch (DriverException e) {
                        return PortionCalls.answer(502, "the portion could not run", "Sandbox.crashed");
                    }
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
                });
    }

    /** The result; the runtimes' output ({@code instanceLogs}, then {@code run}'s) keeps its last {@link #LOG_TAIL_CHARS}. */
    private static InvokeResult result(
            Invocation invocation, Run run, boolean created, long initMillis, String instanceLogs) {
        String logs = instanceLogs.isEmpty() ? run.logTail() : instanceLogs + run.logTail();
        return new InvokeResult(
                invocation.requestId(),
                run.outcome().wireName(),
                run.payload(),
                created,
                initMillis,
                run.millis(),
                logs.substring(Math.max(0, logs.length() - LOG_TAIL_CHARS)));
    }

    /** Between invocations: pauses the instance, unless an invocation holds it (it pauses it when it ends) or it is gone. */
    private void pauseIfIdle() {
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (!destroyed) {
                host.pause(containers.values());
            }
        } finally {
            lock.unlock();
        }
    }

    private void stopAll() throws InterruptedException {
        List<C> running = new ArrayList<>(containers.values());
        containers = Map.of();
        key = null;
        for (C container : running) {
            container.stop();
        }
    }

    /** Stops each, even when interrupted on the way (the interrupt is kept). */
    private static void stopEach(Collection<? extends PortionContainer> containers) {
        for (PortionContainer container : containers) {
            try {
                container.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public boolean alive() {
        return !destroyed && host.alive();
    }

    @Override
    public void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        containers.values().forEach(PortionContainer::release);
        host.tearDown();
        if (lock.tryLock()) {
            try {
                List<C> left = new ArrayList<>(containers.values());
                containers = Map.of();
                key = null;
                stopEach(left);
                host.releaseSpares(Runnable::run);
            } finally {
                lock.unlock();
            }
        }
    }
}
