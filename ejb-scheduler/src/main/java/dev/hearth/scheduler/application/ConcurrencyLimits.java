package dev.hearth.scheduler.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many invocations of one function and of one user (the caller) run at once on this server.
 * An invocation over either limit waits, up to the settings' queue wait, for another to end;
 * then it is refused with {@link HearthException} {@code TOO_MANY_REQUESTS}. The same wait covers a placement that
 * found every instance busy: {@link Permit#awaitRelease} wakes when any invocation ends.
 */
@ApplicationScoped
public class ConcurrencyLimits {

    /** Longest sleep between two placement attempts when no release wakes the waiter. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Map<String, Integer> runningByFunction = new HashMap<>();
    private final Map<String, Integer> runningByUser = new HashMap<>();
    private volatile SchedulerSettings settings = SchedulerSettings.DEFAULT;

    @Inject
    SettingsRepository settingsRepository;

    @Inject
    SchedulerMetrics metrics;

    @PostConstruct
    void loadSettings() {
        settings = settingsRepository.settings();
    }

    /**
     * The settings in force, as the admin last set them (or the database held at the last check):
     * the invocation path reads them here rather than from the database on every invocation.
     */
    public SchedulerSettings current() {
        return settings;
    }

    /** Takes the limits in {@code changed} from now on; running invocations keep their slots. */
    public void apply(SchedulerSettings changed) {
        lock.lock();
        try {
            settings = changed;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a slot of the function and of the user, waiting up to the queue wait for one.
     *
     * @throws HearthException TOO_MANY_REQUESTS: when none became free in time
     */
    public Permit acquire(String user, String functionName) {
        long deadline = System.nanoTime() + settings.queueWait().toNanos();
        lock.lock();
        try {
            while (runningByFunction.getOrDefault(functionName, 0) >= settings.maxConcurrentPerFunction()
                    || runningByUser.getOrDefault(user, 0) >= settings.maxConcurrentPerUser()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    metrics.rejected(SchedulerMetrics.Rejection.CONCURRENCY_LIMIT);
                    throw new HearthException(
                            ProblemType.TOO_MANY_REQUESTS,
                            "more than "
                                    + settings.maxConcurrentPerFunction() + " invocations of '" + functionName + "' or "
                                    + settings.maxConcurrentPerUser() + " of user '" + user + "' at once");
                }
                released.awaitNanos(left);
            }
            runningByFunction.merge(functionName, 1, Integer::sum);
            runningByUser.merge(user, 1, Integer::sum);
            return new Permit(user, functionName, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HearthException(ProblemType.TOO_MANY_REQUESTS, "interrupted while waiting for a slot");
        } finally {
            lock.unlock();
        }
    }

    private void release(String user, String functionName) {
        lock.lock();
        try {
            runningByFunction.computeIfPresent(functionName, (f, n) -> n > 1 ? n - 1 : null);
            runningByUser.computeIfPresent(user, (u, n) -> n > 1 ? n - 1 : null);
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One invocation's slots; closing it frees them and wakes the waiters. */
    public final class Permit implements AutoCloseable {

        private final String user;
        private final String functionName;
        private final long deadline;
        private boolean closed;

        private Permit(String user, String functionName, long deadline) {
            this.user = user;
            this.functionName = functionName;
            this.deadline = deadline;
        }

        /**
         * Waits until some invocation ends (or briefly), within the queue wait.
         *
         * @return false when the queue wait is over: stop trying
         */
        public boolean awaitRelease() {
            lock.lock();
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                released.awaitNanos(Math.min(left, RECHECK_NANOS));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(user, functionName);
            }
        }
    }
}
