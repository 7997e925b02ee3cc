package dev.hearth.hypervisor.host.threads;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code max} daemon threads, all named {@code name} and placed by a {@link
 * ThreadPlacement}, made when none is idle and ended after 30 s without work. The owner bounds the
 * work it hands over (a slot per connection, say) so that it never needs more than {@code max}
 * threads at once.
 */
public final class BoundedThreads implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    public BoundedThreads(String name, int max, ThreadPlacement placement) {
        pool = new ThreadPoolExecutor(0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(
                    () -> {
                        placement.placeCurrentThread();
                        r.run();
                    },
                    name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code task} on a thread of its own; false once closed. A thread whose task just ended
     * (and whose slot its owner just released) may not be back in the pool yet: the pool refuses
     * then, for a moment, and the hand-over is tried again.
     */
    public boolean execute(Runnable task) {
        while (true) {
            try {
                pool.execute(task);
                return true;
            } catch (RejectedExecutionException full) {
                if (pool.isShutdown()) {
                    return false;
                }
                Thread.yield();
            }
        }
    }

    /** Interrupts the threads (a thread blocked on a channel leaves it) and takes no more work. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
