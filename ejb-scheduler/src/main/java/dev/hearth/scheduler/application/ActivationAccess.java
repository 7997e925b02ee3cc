package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;

/**
 * What a caller may read of an activation. The one decision behind {@code GET /activations/{id}},
 * its log lines, and what the caller's own logging endpoint receives, so that the endpoint never
 * gets more than the API would show that caller.
 */
public sealed interface ActivationAccess {

    /** The function's owner or an admin: the whole record, its log tail and its log lines. */
    record Whole() implements ActivationAccess {}

    /**
     * Anyone else, such as an invoker the function is shared with: what the invocation's answer
     * already told it (id, status, start kind, durations), and no logs.
     */
    record AnswerOnly() implements ActivationAccess {}

    static ActivationAccess of(Caller caller, String owner) {
        return caller.mayManage(owner) ? new Whole() : new AnswerOnly();
    }

    /** The part of {@code activation} this access shows. */
    default ActivationView shown(ActivationView activation) {
        if (this instanceof Whole) {
            return activation;
        }
        return new ActivationView(
                activation.id(),
                activation.functionName(),
                null,
                activation.caller(),
                null,
                null,
                activation.startKind(),
                activation.status(),
                null,
                activation.initMillis(),
                activation.runMillis(),
                activation.durationMillis(),
                null,
                activation.result(),
                activation.resultTruncated(),
                activation.memoryMb());
    }
}
