package dev.hearth.scheduler.application;

import dev.hearth.scheduler.application.AsyncInvocationService.QueuedInvocation;
import dev.hearth.security.Caller;
import java.util.List;

/**
 * What a function's owner (or an admin) manages of its async invocations: the retry settings and
 * the dead-letter store. Others learn nothing of a function they may not manage (404).
 */
public interface AsyncQueueService {

    /**
     * The function's retry settings (its own or the defaults); for its owner or an admin.
     *
     * @throws HearthException FUNCTION_NOT_FOUND: missing, or not the caller's to manage
     */
    AsyncSettingsView settings(Caller caller, String functionName);

    /**
     * Changes the function's retry settings; for its owner or an admin.
     *
     * @throws HearthException INVALID_SETTINGS: a value out of its range (every problem listed)
     * @throws HearthException FUNCTION_NOT_FOUND: missing, or not the caller's to manage
     */
    AsyncSettingsView changeSettings(Caller caller, String functionName, long maxRetries, long maxEventAgeSeconds);

    /**
     * At most {@code limit} of the function's dead letters, newest first, an event longer than
     * {@link DeadLetterView#LISTED_EVENT_CHARS} given as its beginning ({@code eventTruncated});
     * for its owner or an admin. {@link #deadLetter} gives the whole event.
     */
    List<DeadLetterView> deadLetters(Caller caller, String functionName, int limit);

    /** @throws HearthException DEAD_LETTER_NOT_FOUND: not in the function's dead-letter store */
    DeadLetterView deadLetter(Caller caller, String functionName, String id);

    /**
     * Queues a dead event again, as if accepted now, with its retries afresh and a new activation.
     *
     * @throws HearthException DEAD_LETTER_NOT_FOUND: not in the function's dead-letter store
     * @throws HearthException CREDENTIAL_NEEDS_CALLER: the function now needs its caller's credential
     */
    QueuedInvocation redrive(Caller caller, String functionName, String id);

    /** @throws HearthException DEAD_LETTER_NOT_FOUND: not in the function's dead-letter store */
    void deleteDeadLetter(Caller caller, String functionName, String id);
}
