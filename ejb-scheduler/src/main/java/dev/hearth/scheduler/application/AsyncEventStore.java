package dev.hearth.scheduler.application;

import dev.hearth.domain.async.AsyncSettings;
import dev.hearth.domain.async.FairTurns;
import dev.hearth.domain.async.NextStep;
import dev.hearth.persistence.ActivationEntity;
import dev.hearth.persistence.AsyncEventEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable queue of async invocations, their idempotency keys and the functions' retry
 * settings. Each method is a transaction of its own when called outside one; several members may
 * share the store, so an event is run only by the member whose claim changed its row.
 */
public interface AsyncEventStore {

    /** The activation queued for this idempotency key digest at or after {@code since}, if any. */
    Optional<String> repeated(String keyDigest, Instant since);

    /**
     * Stores the event, its queued activation and, when given, its idempotency key digest.
     *
     * @throws HearthException TOO_MANY_REQUESTS: the same key is being accepted at this moment
     */
    void accept(AsyncEventEntity event, ActivationEntity activation, Optional<String> keyDigest);

    /** The callers with events that may be claimed now: how many each, and since when the oldest is due. */
    List<FairTurns.Waiting> waiting(Instant now);

    /** The events running now (their lease not expired) per caller. */
    Map<String, Long> runningByCaller(Instant now);

    /** Ids of at most {@code limit} of {@code caller}'s events that may be claimed now, the longest due first. */
    List<String> dueOf(String caller, Instant now, int limit);

    /**
     * The events {@code caller} queued that are kept: queued or running, and dead letters in the
     * dead-letter stores of the caller's own functions (which the caller can delete).
     */
    long eventsOf(String caller);

    /**
     * Claims the event for {@code member} until {@code leaseUntil}, counting an attempt, when it is
     * queued and due or its lease expired; its activation turns {@code running}.
     *
     * @return the claimed event, or empty when another member has it or it is not due
     */
    Optional<AsyncEventEntity> claim(String eventId, String member, Instant now, Instant leaseUntil);

    /**
     * Applies what follows an attempt of an event {@code member} claimed: records the run (if the
     * function ran) into its activation, then removes the event, queues it again or keeps it dead.
     * Nothing happens when the member lost the claim meanwhile (its lease expired and another
     * member claimed it) or the event is gone (its function was deleted).
     *
     * @param run the attempt, or null when Hearth could not run it
     * @param error why the attempt failed (Hearth's reason or the function's report), or null
     */
    void settle(
            String eventId,
            String member,
            InvocationOutcome run,
            NextStep step,
            String error,
            boolean functionFailed,
            Instant now);

    /**
     * At most {@code limit} of the function's dead letters, newest first, each event read only up
     * to its first {@code eventChars} characters (code points): a longer one is given as that
     * beginning, {@code eventTruncated}.
     */
    List<DeadLetterView> deadOf(String functionId, int limit, int eventChars);

    Optional<AsyncEventEntity> dead(String functionId, String eventId);

    /** Queues the dead event again, reported by the new activation. */
    void redrive(String eventId, ActivationEntity activation, Instant now);

    void remove(String eventId);

    AsyncSettings settings(String functionId);

    void changeSettings(String functionId, AsyncSettings settings);

    /** Forgets idempotency keys accepted before {@code before}. */
    void forgetKeysBefore(Instant before);

    /** Deletes the function's events, dead letters, idempotency keys and settings. */
    void removeOfFunction(String functionId);
}
