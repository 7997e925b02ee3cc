package dev.hearth.domain.async;

import java.time.Instant;

/** What follows an attempt of an async invocation. */
public sealed interface NextStep {

    /** The event is done with: it succeeded. */
    record Done() implements NextStep {}

    /** Attempt again, not before {@code due}. */
    record RetryAt(Instant due) implements NextStep {}

    /** Keep it in the function's dead-letter store. */
    record DeadLetter(String reason) implements NextStep {}
}
