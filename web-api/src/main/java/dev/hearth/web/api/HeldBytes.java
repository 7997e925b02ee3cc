package dev.hearth.web.api;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One kind of thing the API's requests hold in Payara's heap at once (request bodies, answers),
 * counted in bytes (or characters), within a budget per member and a share of it per user. Its
 * requests claim it and give it back through {@link RequestMemory}. Something larger than the
 * share (or the budget) fits when its user (the member) holds nothing else, so that retrying it
 * helps once the rest has been given back.
 */
final class HeldBytes {

    private final long budget;
    private final long share;
    private final String what;
    private final String whenFull;
    private final AtomicLong held = new AtomicLong();
    private final Map<String, Long> byUser = new ConcurrentHashMap<>();

    /**
     * @param what what is held, as the refusals name it ("request bodies being read")
     * @param whenFull what a user whose share is full can do ("retry when one has ended")
     */
    HeldBytes(long budget, long share, String what, String whenFull) {
        this.budget = budget;
        this.share = share;
        this.what = what;
        this.whenFull = whenFull;
    }

    /** Takes {@code bytes} for {@code user}, or refuses with {@code 503 server-busy} when they find no room. */
    void claim(String user, long bytes) {
        boolean[] withinShare = {false};
        byUser.compute(user, (name, had) -> {
            long now = had == null ? 0 : had;
            withinShare[0] = now == 0 || now + bytes <= share;
            return withinShare[0] ? now + bytes : had;
        });
        if (!withinShare[0]) {
            throw shareFull();
        }
        long now;
        do {
            now = held.get();
            if (now > 0 && now + bytes > budget) {
                giveBackShare(user, bytes);
                throw budgetFull();
            }
        } while (!held.compareAndSet(now, now + bytes));
    }

    /** Takes {@code bytes} for {@code user} whatever the room: they are in memory already, and needed. */
    void hold(String user, long bytes) {
        byUser.merge(user, bytes, Long::sum);
        held.addAndGet(bytes);
    }

    /** Refuses with {@code 503 server-busy} when {@code user}'s share, or the member's budget, is held whole. */
    void requireRoom(String user) {
        Long had = byUser.get(user);
        if (had != null && had >= share) {
            throw shareFull();
        }
        if (held.get() >= budget) {
            throw budgetFull();
        }
    }

    /** {@code user} no longer holds {@code bytes}. */
    void giveBack(String user, long bytes) {
        giveBackShare(user, bytes);
        held.addAndGet(-bytes);
    }

    /** What the budget has free now, less than nothing when more is held (tests). */
    long free() {
        return budget - held.get();
    }

    private void giveBackShare(String user, long bytes) {
        byUser.computeIfPresent(user, (name, had) -> had == bytes ? null : had - bytes);
    }

    private HearthException shareFull() {
        return new HearthException(
                ProblemType.SERVER_BUSY,
                "Your " + what + " hold as much as one user's may at once (" + (share >> 20) + " MiB); " + whenFull
                        + ".");
    }

    private HearthException budgetFull() {
        return new HearthException(
                ProblemType.SERVER_BUSY, "The server holds as many " + what + " as it may at once; retry soon.");
    }
}
