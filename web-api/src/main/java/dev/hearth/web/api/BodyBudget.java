package dev.hearth.web.api;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import java.util.concurrent.Semaphore;

/**
 * The request bodies this Payara holds in memory at once, over all its HTTP threads (200 of them,
 * ADR 45): an archive may be 20 MiB, a data set 16 MiB, so that a few dozen uploads at once would
 * fill the heap every tenant shares. A body claims its declared length (its limit when it declares
 * none) before it is read, and gives it back when its request ends ({@link BodyBudgetFilter}); a
 * body that finds the budget spent is answered {@code 503 server-busy} with {@code Retry-After}.
 */
final class BodyBudget {

    /** The bytes of bodies held at once, per member. */
    static final int MAX_BYTES = 96 << 20;

    private static final Semaphore BYTES = new Semaphore(MAX_BYTES);

    /** What the current request claimed: a request is served on one thread, as no resource suspends. */
    private static final ThreadLocal<int[]> CLAIMED = ThreadLocal.withInitial(() -> new int[1]);

    private BodyBudget() {}

    /** Claims room for a body of {@code declaredLength} (-1: unknown, so {@code limit}) bytes. */
    static void claim(long declaredLength, int limit) {
        int bytes = declaredLength >= 0 ? (int) Math.min(declaredLength, limit) : limit;
        if (!BYTES.tryAcquire(bytes)) {
            throw new HearthException(
                    ProblemType.SERVER_BUSY, "The server holds as many request bodies as it may at once; retry soon.");
        }
        CLAIMED.get()[0] += bytes;
    }

    /** Gives back what the current request claimed. */
    static void releaseClaimed() {
        int[] claimed = CLAIMED.get();
        BYTES.release(claimed[0]);
        claimed[0] = 0;
    }

    /** The bytes free now (tests). */
    static int free() {
        return BYTES.availablePermits();
    }
}
