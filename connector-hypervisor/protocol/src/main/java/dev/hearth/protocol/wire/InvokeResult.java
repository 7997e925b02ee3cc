package dev.hearth.protocol.wire;

/**
 * The outcome of one invocation. {@code status} is one of {@code success}, {@code error} (the
 * function reported an error), {@code init_error}, {@code timed_out}, {@code
 * memory_limit_exceeded}, {@code process_limit_exceeded}, {@code egress_denied} or {@code crashed}. {@code payload} is
 * the function's response body (JSON text) on success, its error document otherwise. {@code
 * containersCreated} tells whether this call had to start the function's containers.
 */
public record InvokeResult(
        String invocationId,
        String status,
        String payload,
        boolean containersCreated,
        long initMillis,
        long runMillis,
        String logTail) {}
