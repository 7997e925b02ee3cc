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
 * helps once the rest has been given back. The budget counts each user's part up to their share
 * only: what {@link #hold} keeps beyond it (answers to what already ran) stops that user alone,
 * and one user cannot make the member refuse everyone. What is held in all may exceed the budget
 * so by half of it at most ({@link #ceiling}): past that the member refuses every user, the
 * heap's last guard.
 */
final class HeldBytes {

    private final long budget;
    private final long share;
    private final String what;
    private final String whenFull;
    private final long ceiling;
    private final AtomicLong held = new AtomicLong();
    /** What the budget counts: the sum over users of what each holds, up to their share. */
    private final AtomicLong heldWithinShares = new AtomicLong();

    private final Map<String, Long> byUser = new ConcurrentHashMap<>();

    /**
     * @param what what is held, as the refusals name it ("request bodies being read")
     * @param whenFull what a user whose share is full can do ("retry when one has ended")
     */
    HeldBytes(long budget, long share, String what, String whenFull) {
        this.budget = budget;
        this.ceiling = budget + budget / 2;
        this.share = share;
        this.what = what;
        this.whenFull = whenFull;
    }

    /** Takes {@code bytes} for {@code user}, or refuses with {@code 503 server-busy} when they find no room. */
    void claim(String user, long bytes) {
        boolean[] withinShare = {false};
        long[] counted = {0};
        byUser.compute(user, (name, had) -> {
            long now = had == null ? 0 : had;
            withinShare[0] = now == 0 || now + bytes <= share;
            if (!withinShare[0]) {
                return had;
            }
            counted[0] = counted(now + bytes) - counted(now);
            return now + bytes;
        });
        if (!withinShare[0]) {
            throw shareFull();
        }
        long before = heldWithinShares.getAndAdd(counted[0]);
        long inAll = held.getAndAdd(bytes);
        if (before > 0 && before + counted[0] > budget || inAll > 0 && inAll + bytes > ceiling) {
            heldWithinShares.addAndGet(change(user, -bytes));
            held.addAndGet(-bytes);
            throw budgetFull();
        }
    }

    /** Takes {@code bytes} for {@code user} whatever the room: they are in memory already, and needed. */
    void hold(String user, long bytes) {
        heldWithinShares.addAndGet(change(user, bytes));
        held.addAndGet(bytes);
    }

    /** Refuses with {@code 503 server-busy} when {@code user}'s share, or the member's budget, is held whole. */
    void requireRoom(String user) {
        Long had = byUser.get(user);
        if (had != null && had >= share) {
            throw shareFull();
        }
        if (heldWithinShares.get() >= budget || held.get() >= ceiling) {
            throw budgetFull();
        }
    }

    /** {@code user} no longer holds {@code bytes}. */
    void giveBack(String user, long bytes) {
        heldWithinShares.addAndGet(change(user, -bytes));
        held.addAndGet(-bytes);
    }

    /** What the budget has free now, less than nothing when more is held (tests). */
    long free() {
        return budget - held.get();
    }

    /** Adds {@code bytes} (less than 0: gives back) to what {@code user} holds; how much more of it the budget counts. */
    private long change(String user, long bytes) {
        long[] counted = {0};
        byUser.compute(user, (name, had) -> {
            long now = had == null ? 0 : had;
            long after = Math.max(0, now + bytes); // never less than nothing, whatever is given back
            counted[0] = counted(after) - counted(now);
            return after == 0 ? null : after;
        });
        return counted[0];
    }

    /** What the budget counts of a user who holds {@code bytes}. */
    private long counted(long bytes) {
        return Math.min(bytes, share);
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
