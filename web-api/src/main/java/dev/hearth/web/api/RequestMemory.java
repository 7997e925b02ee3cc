package dev.hearth.web.api;

import java.util.function.Supplier;

/**
 * What the API's requests hold in Payara's heap at once, over all its HTTP threads (200 of them,
 * ADR 45), in a 512 MiB heap every tenant shares: their request bodies (an archive may be 20 MiB,
 * a data set 16 MiB; docs/adr/0054) and the answers {@link JsonTextBodies} writes (a function's
 * result may be 6 MiB, held until a client that need not read it has; docs/adr/0056). Each is
 * claimed within a share per user and a budget per member ({@link HeldBytes}), and given back when
 * its request ends, its answer written ({@link RequestMemoryFilter}). Small ones, as most are,
 * claim nothing: 200 threads of them hold little, and no one can make them wait.
 */
final class RequestMemory {

    /** Bodies that declare at most this many bytes, and answers inlining at most this many characters, claim nothing. */
    static final int SMALL = 64 << 10;

    /**
     * Request bodies: at most 96 MiB per member, 40 MiB (two archives) of one user's. A body claims
     * its declared length (its limit when it declares none) before it is read.
     */
    static final HeldBytes BODIES =
            new HeldBytes(96 << 20, 40 << 20, "request bodies being read", "retry when one has ended");

    /**
     * Answers, the characters they inline: at most 128 Mi per member, 24 Mi (four of a function's
     * largest) of one user's. A read's document claims them when it is made; a synchronous
     * invocation's answer is held whatever the room, and the invocation is refused before it runs
     * when its caller's share or the budget is held whole.
     */
    static final HeldBytes ANSWERS = new HeldBytes(
            128 << 20, 24 << 20, "answers not yet read", "read them (or close their connections), then retry");

    /** The current request: a request is served on one thread, as no resource suspends. */
    private static final ThreadLocal<Claim> CURRENT = new ThreadLocal<>();

    /** What a request claimed, and for whom. */
    private static final class Claim {
        private final Supplier<String> caller;
        private String user;
        private long bodyBytes;
        private long answerChars;

        Claim(Supplier<String> caller) {
            this.caller = caller;
        }

        String user() {
            if (user == null) {
                user = caller.get();
            }
            return user;
        }
    }

    private RequestMemory() {}

    /** A request begins on this thread; {@code caller} names its caller once it is authenticated. */
    static void begin(Supplier<String> caller) {
        CURRENT.set(new Claim(caller));
    }

    /** Claims room for a body of {@code declaredLength} (-1: unknown, so {@code limit}) bytes. */
    static void claimBody(long declaredLength, int limit) {
        if (declaredLength >= 0 && declaredLength <= SMALL) {
            return;
        }
        Claim claim = current();
        long bytes = declaredLength >= 0 ? Math.min(declaredLength, limit) : limit;
        BODIES.claim(claim.user(), bytes);
        claim.bodyBytes += bytes;
    }

    /**
     * Claims room for an answer inlining {@code chars} characters: a read's, refused when it finds
     * none, or ({@code whateverTheRoom}) the answer to what has run, held regardless.
     */
    static void claimAnswer(long chars, boolean whateverTheRoom) {
        if (chars <= SMALL) {
            return;
        }
        Claim claim = current();
        if (whateverTheRoom) {
            ANSWERS.hold(claim.user(), chars);
        } else {
            ANSWERS.claim(claim.user(), chars);
        }
        claim.answerChars += chars;
    }

    /** Refuses, before it runs, what will answer whatever the room: its caller's answers fill their share or the budget. */
    static void requireAnswerRoom() {
        ANSWERS.requireRoom(current().user());
    }

    /** The current request has ended: what it claimed is given back. */
    static void end() {
        Claim claim = CURRENT.get();
        CURRENT.remove();
        if (claim == null) {
            return;
        }
        if (claim.bodyBytes > 0) {
            BODIES.giveBack(claim.user, claim.bodyBytes);
        }
        if (claim.answerChars > 0) {
            ANSWERS.giveBack(claim.user, claim.answerChars);
        }
    }

    private static Claim current() {
        Claim claim = CURRENT.get();
        if (claim == null) { // outside the filter: a request of no one in particular
            claim = new Claim(() -> "");
            CURRENT.set(claim);
        }
        return claim;
    }
}
