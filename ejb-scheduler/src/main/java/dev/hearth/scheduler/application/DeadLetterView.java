package dev.hearth.scheduler.application;

import java.time.Instant;
import java.util.List;

/**
 * An async invocation that still failed: its event (JSON text), who queued it, how many attempts
 * it had (and in how many the function itself failed), why it was given up, and its activations,
 * oldest first (one per acceptance or redrive).
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
        List<String> activationIds) {}
