package dev.hearth.scheduler.application;

import java.time.OffsetDateTime;

/**
 * One invocation's record. {@code startKind} is {@code cold}, {@code warming-pool}, {@code
 * reloaded} or {@code warm} ({@link dev.hearth.domain.placement.StartKind}); {@code status} is the agent's outcome ({@code success}, {@code error}, {@code timed_out},
 * ...).
 * {@code result} is what a deferred run (an async invocation) returned; null for synchronous ones,
 * whose caller received it in the answer. {@code memoryMb} is the memory it ran with (after any
 * override), null while it has not run or for a record older than that figure.
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
        Integer memoryMb) {}
