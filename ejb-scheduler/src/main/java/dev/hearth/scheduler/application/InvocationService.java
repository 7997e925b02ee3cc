package dev.hearth.scheduler.application;

import dev.hearth.domain.function.LogDestination;
import dev.hearth.domain.function.PolicyOverride;
import dev.hearth.security.Caller;

/** Runs a function once: authorise, place, invoke on a host agent, record the activation. */
public interface InvocationService {

    /**
     * @param event the invocation's event, JSON text
     * @param override how this invocation narrows the function's security policy
     * @param logDestination where to ship the invocation's logs once it has run, or null
     * @throws HearthException FUNCTION_NOT_FOUND: missing, or not visible to the caller
     * @throws HearthException INVALID_EVENT: the event is not JSON
     * @throws HearthException POLICY_OVERRIDE_REFUSED: the override asks for more than the policy allows
     * @throws HearthException TOO_MANY_REQUESTS: the function's or the caller's concurrency limit, or every
     *     instance, stayed busy for the queue wait
     * @throws HearthException CAPACITY_EXHAUSTED: no host can take the invocation now
     * @throws HearthException NOT_OFFERED: no host offers the function's runtime with its isolation
     * @throws HearthException HOST_UNAVAILABLE: the host agent failed
     * @throws HearthException FUNCTION_CHANGED: redeployed or deleted while the invocation started, its
     *     code gone (docs/adr/0052)
     */
    InvocationOutcome invoke(
            Caller caller, String functionName, String event, PolicyOverride override, LogDestination logDestination);

    /**
     * Runs a deferred invocation (an async one or a bulk job's record, ADR 30) as the caller recorded
     * when it was accepted, who has no token, with the function's own policy.
     *
     * @param functionId the identity of the function that was accepted: a function deployed afresh
     *     under the name is not it
     * @param activationId the activation made when it was accepted: the attempt is reported as it but
     *     not stored (the async queue stores it together with what follows it); null for a run whose
     *     activation is made and stored here, as a synchronous invocation's is (a bulk job's record)
     * @throws HearthException FUNCTION_NOT_FOUND: gone, or no longer granted to the caller
     * @throws HearthException CREDENTIAL_NEEDS_CALLER: the function now needs its caller's credential
     * @throws HearthException as {@link #invoke} for Hearth's own trouble (capacity, host)
     */
    InvocationOutcome invokeDeferred(
            Caller caller, String functionName, String functionId, String event, String activationId);
}
