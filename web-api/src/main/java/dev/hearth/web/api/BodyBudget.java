package dev.hearth.web.api;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The request bodies this Payara holds in memory at once, over all its HTTP threads (200 of them,
 * ADR 45): an archive may be 20 MiB, a data set 16 MiB, so that a few dozen uploads at once would
 * fill the heap every tenant shares. A body larger than {@value #SMALL_BYTES} bytes (or of unknown
 * length) claims its declared length (its limit when it declares none) before it is read, within
 * a share per user and a budget per member, and gives it back when its request ends ({@link
 * BodyBudgetFilter}); a body that finds no room is answered {@code 503 server-busy} with {@code
 * Retry-After}. Small bodies, an invocation's event as most are, claim nothing: 200 threads of them
 * hold little, and no one can make them wait.
 */
final class BodyBudget {

    /** The bytes of bodies held at once, per member. */
    static final int MAX_BYTES = 96 << 20;

    /** What one user's bodies may hold of it at once: two archives. */
    static final int MAX_BYTES_PER_USER = 40 << 20;

    /** Bodies that declare at most this many bytes claim nothing. */
    static final int SMALL_BYTES = 64 << 10;

    private static final Semaphore BYTES = new Semaphore(MAX_BYTES);
    private static final Map<String, Integer> BY_USER = new ConcurrentHashMap<>();

    /** The current request: a request is served on one thread, as no resource suspends. */
    private static final ThreadLocal<Claim> CURRENT = new ThreadLocal<>();

    /** What a request claimed, and for whom. */
    private static final class Claim {
        private final Supplier<String> user;
        private String claimedFor;
        private int bytes;

        Claim(Supplier<String> user) {
            this.user = user;
        }
    }

    private BodyBudget() {}

    /** A request begins on this thread; {@code user} names its caller once it is authenticated. */
    static void begin(Supplier<String> user) {
        CURRENT.set(new Claim(user));
    }

    /** Claims room for a body of {@code declaredLength} (-1: unknown, so {@code limit}) bytes. */
    static void claim(long declaredLength, int limit) {
        if (declaredLength >= 0 && declaredLength <= SMALL_BYTES) {
            return;
        }
        Claim claim = CURRENT.get();
        if (claim == null) { // outside the filter: a request of no one in particular
            claim = new Claim(() -> "");
            CURRENT.set(claim);
        }
        int bytes = declaredLength >= 0 ? (int) Math.min(declaredLength, limit) : limit;
        String user = claim.claimedFor != null ? claim.claimedFor : claim.user.get();
        boolean[] withinShare = {false};
        BY_USER.compute(user, (name, held) -> {
            int now = held == null ? 0 : held;
            withinShare[0] = now + bytes <= MAX_BYTES_PER_USER;
            return withinShare[0] ? now + bytes : held;
        });
        if (!withinShare[0]) {
            throw new HearthException(
                    ProblemType.SERVER_BUSY,
                    "Your request bodies being read hold " + (MAX_BYTES_PER_USER >> 20)
                            + " MiB already, as much as one user's may at once; retry when one has ended.");
        }
        if (!BYTES.tryAcquire(bytes)) {
            giveBack(user, bytes);
            throw new HearthException(
                    ProblemType.SERVER_BUSY, "The server holds as many request bodies as it may at once; retry soon.");
        }
        claim.claimedFor = user;
        claim.bytes += bytes;
    }

    /** The current request has ended: what it claimed is given back. */
    static void end() {
        Claim claim = CURRENT.get();
        CURRENT.remove();
        if (claim != null && claim.bytes > 0) {
            BYTES.release(claim.bytes);
            giveBack(claim.claimedFor, claim.bytes);
        }
    }

    /** The bytes free now (tests). */
    static int free() {
        return BYTES.availablePermits();
    }

    private static void giveBack(String user, int bytes) {
        BY_USER.computeIfPresent(user, (name, held) -> held == bytes ? null : held - bytes);
    }
}
