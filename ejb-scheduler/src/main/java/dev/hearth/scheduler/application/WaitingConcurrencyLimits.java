package dev.hearth.scheduler.application;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The waiting of the concurrency limits, whatever counts the slots: an acquire tries to take both
 * slots, and while it cannot, waits for a release on this member (woken at once) or for the
 * recheck interval (a release on another member wakes no one here), up to the queue wait.
 */
public abstract class WaitingConcurrencyLimits implements ConcurrencyLimits {

    /** Longest sleep between two attempts when no release on this member wakes the waiter. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final SchedulerMetrics metrics;
    /** Counts the wake-ups, so that a release between a failed attempt and the wait is not missed. */
    private volatile long wakeUps; // written under the lock; read without it on the invocation path

    private volatile SchedulerSettings settings;

    protected WaitingConcurrencyLimits(SchedulerSettings initial, SchedulerMetrics metrics) {
        this.settings = initial;
        this.metrics = metrics;
    }

    /** Takes a slot of the function and of the user, both or neither, when both are under the limits in force. */
    protected abstract boolean tryTake(String user, String functionName, SchedulerSettings limits);

    /** Gives back the slots {@link #tryTake} took. */
    protected abstract void giveBack(String user, String functionName);

    @Override
    public SchedulerSettings current() {
        return settings;
    }

    @Override
    public void apply(SchedulerSettings changed) {
        settings = changed;
        wakeWaiters();
    }

    @Override
    public Permit acquire(String user, String functionName) {
        long deadline = System.nanoTime() + settings.queueWait().toNanos();
        while (true) {
            long seen = wakeUps;
            SchedulerSettings limits = settings;
            if (tryTake(user, functionName, limits)) {
                return new SlotPermit(user, functionName, deadline);
            }
            if (!awaitWakeUp(seen, deadline)) {
                metrics.rejected(SchedulerMetrics.Rejection.CONCURRENCY_LIMIT);
                throw new HearthException(
                        ProblemType.TOO_MANY_REQUESTS,
                        "more than "
                                + limits.maxConcurrentPerFunction() + " invocations of '" + functionName + "' or "
                                + limits.maxConcurrentPerUser() + " of user '" + user + "' at once");
            }
        }
    }

    /**
     * Waits for a wake-up after {@code seen}, or the recheck interval, within {@code deadline}.
     *
     * @return false when the deadline passed (or the thread was interrupted): stop trying
     */
    private boolean awaitWakeUp(long seen, long deadline) {
        lock.lock();
        try {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (wakeUps == seen) {
                released.awaitNanos(Math.min(left, RECHECK_NANOS));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void wakeWaiters() {
        lock.lock();
        try {
            wakeUps++;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private final class SlotPermit implements Permit {

        private final String user;
        private final String functionName;
        private final long deadline;
        private boolean closed;

        private SlotPermit(String user, String functionName, long deadline) {
            this.user = user;
            this.functionName = functionName;
            this.deadline = deadline;
        }

        @Override
        public boolean awaitRelease() {
            return awaitWakeUp(wakeUps, deadline);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                giveBack(user, functionName);
                wakeWaiters();
            }
        }
    }
}
