package dev.hearth.scheduler.application;

import dev.hearth.persistence.ActivationEntity;
import java.time.OffsetDateTime;

/**
 * One invocation's record. {@code startKind} is {@code cold}, {@code warming-pool}, {@code
 * reloaded} or {@code warm} ({@link dev.hearth.domain.placement.StartKind}); {@code status} is the agent's outcome ({@code success}, {@code error}, {@code timed_out},
 * ...).
 * {@code result} is what a deferred run (an async invocation) returned; null for synchronous ones,
 * whose caller received it in the answer; only its beginning when {@code resultTruncated} (longer
 * results are not kept whole, {@link #MAX_RESULT_CHARS}). {@code memoryMb} is the
 * memory it ran with (after any override), null while it has not run or for a record older than
 * that figure.
 */
public record ActivationView(
        String id,
        String functionName,
        String owner,
        String caller,
        String instanceId,
        String hostId,
        String startKind,
        String status,
        OffsetDateTime startedAt,
        long initMillis,
        long runMillis,
        long durationMillis,
        String logTail,
        String result,
        boolean resultTruncated,
        Integer memoryMb) {

    /** A deferred run's result is kept up to this many characters. */
    public static final int MAX_RESULT_CHARS = ActivationEntity.MAX_RESULT_CHARS;

    /**
     * A list gives each result up to this many code points: 500 records then hold at most 4 Mi
     * characters of results rather than 128 Mi (docs/adr/0055).
     */
    public static final int LISTED_RESULT_CHARS = 4096;

    /**
     * The result as the JSON an answer inlines ({@link JsonText#of}), null when there is none; the
     * beginning of a longer result is not JSON and always a JSON string.
     */
    public JsonText resultAsJson() {
        if (result == null) {
            return null;
        }
        return resultTruncated ? JsonText.string(result) : JsonText.of(result);
    }
}
