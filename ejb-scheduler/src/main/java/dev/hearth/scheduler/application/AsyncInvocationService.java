package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;

/**
 * Invocations that run after their request has been answered: queued durably, run by a bounded
 * set of workers, retried on function errors and timeouts, and kept in the function's dead-letter
 * store when they still fail ({@link AsyncQueueService} manages those). The API's {@code Prefer:
 * respond-async}, schedules and batch jobs hand their invocations to it.
 */
public interface AsyncInvocationService {

    /**
     * Queues one invocation of the function with the event as the caller, who is checked now as for
     * a synchronous invocation (and again when it runs).
     *
     * @param event the invocation's event, JSON text (empty stands for {@code {}})
     * @param idempotencyKey a key the caller chose, or null: the same caller, function and key within
     *     24 hours answers the invocation queued first instead of queuing another
     * @return the queued activation, or the earlier one for a repeated idempotency key
     * @throws HearthException FUNCTION_NOT_FOUND: missing, or not visible to the caller
     * @throws HearthException INVALID_EVENT: the event is not JSON, or larger than 1 MiB
     * @throws HearthException INVALID_REQUEST: the idempotency key is not acceptable
     * @throws HearthException CREDENTIAL_NEEDS_CALLER: the function needs its caller's credential (ADR 30)
     */
    QueuedInvocation enqueue(Caller caller, String functionName, String event, String idempotencyKey);

    /**
     * An accepted invocation.
     *
     * @param activationId the activation that reports its progress (queued, running, then its outcome)
     * @param repeated whether an earlier request with the same idempotency key queued it
     */
    record QueuedInvocation(String activationId, boolean repeated) {}
}
