package dev.hearth.domain.async;

/** How one attempt of an async invocation ended, as far as retrying is concerned. */
public sealed interface AttemptOutcome {

    /** The function returned normally. */
    record Succeeded() implements AttemptOutcome {}

    /** The function ran and failed ({@code error}, {@code timed_out}, …): counts against the retries. */
    record FunctionFailed(String status) implements AttemptOutcome {}

    /**
     * Hearth could not run it now (no capacity, too many requests, host unavailable): retried while
     * the event is young enough, without counting against the function's retries.
     */
    record Transient(String reason) implements AttemptOutcome {}

    /** It can never run as it is (access revoked, now needs its caller's credential). */
    record Permanent(String reason) implements AttemptOutcome {}
}
