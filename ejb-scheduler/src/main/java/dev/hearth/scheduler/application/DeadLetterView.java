package dev.hearth.scheduler.application;

import java.time.Instant;
import java.util.List;

/**
 * An async invocation that still failed: its event (JSON text), who queued it, how many attempts
 * it had (and in how many the function itself failed), why it was given up, and its activations,
 * oldest first (one per acceptance or redrive). {@code eventTruncated}: {@code event} is only the
 * beginning of the event, as lists give it.
 */
public record DeadLetterView(
        String id,
        String functionName,
        String caller,
        String event,
        Instant acceptedAt,
        Instant deadAt,
        int attempts,
        int failedAttempts,
        String lastError,
        List<String> activationIds,
        boolean eventTruncated) {

    /**
     * A list gives each event up to this many characters: a function's dead letters may be
     * thousands of events of up to 1 MiB each (docs/adr/0055).
     */
    public static final int LISTED_EVENT_CHARS = 4096;
}
