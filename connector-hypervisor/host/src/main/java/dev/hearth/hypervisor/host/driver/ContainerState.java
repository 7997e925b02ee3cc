package dev.hearth.hypervisor.host.driver;

/**
 * The lifecycle of a container: {@code Starting -> Idle <-> Busy}, and from any state to {@code
 * Exited}. A container is reused only while {@code Idle}. A stem cell, started before anyone knew
 * which function it would run, begins as {@code Stem} and is {@code Starting} once staged.
 */
public sealed interface ContainerState {

    /** Started with no function: its runtime waits for the function to be staged. */
    record Stem() implements ContainerState {}

    /** Started at {@code startedNanos} ({@link System#nanoTime()}), waiting for its runtime's first request. */
    record Starting(long startedNanos) implements ContainerState {}

    /** Its runtime waits for work; its init took {@code initMillis}. */
    record Idle(long initMillis) implements ContainerState {}

    /** Running the invocation {@code requestId}. */
    record Busy(String requestId, long initMillis) implements ContainerState {}

    /** Gone (killed by a limit, crashed, or stopped); it will not run again. */
    record Exited(String reason) implements ContainerState {}

    /** The function is staged at {@code nowNanos}: its runtime starts on it from now. */
    default Starting staged(long nowNanos) {
        if (this instanceof Stem) {
            return new Starting(nowNanos);
        }
        throw new IllegalStateException("only a stem cell is staged, not " + this);
    }

    default Idle initialised(long nowNanos) {
        if (this instanceof Starting starting) {
            return new Idle((nowNanos - starting.startedNanos()) / 1_000_000);
        }
        throw new IllegalStateException("only a starting container finishes its init, not " + this);
    }

    default Busy busy(String requestId) {
        if (this instanceof Idle idle) {
            return new Busy(requestId, idle.initMillis());
        }
        throw new IllegalStateException("only an idle container takes work, not " + this);
    }

    default Idle done() {
        if (this instanceof Busy busy) {
            return new Idle(busy.initMillis());
        }
        throw new IllegalStateException("only a busy container finishes work, not " + this);
    }

    /** Exiting is always possible; the first reason is kept. */
    default Exited exited(String reason) {
        return this instanceof Exited exited ? exited : new Exited(reason);
    }
}
