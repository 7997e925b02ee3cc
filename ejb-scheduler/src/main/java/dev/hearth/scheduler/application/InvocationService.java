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
     * @throws FunctionNotFoundException missing, or not visible to the caller
     * @throws InvalidEventException the event is not JSON
     * @throws PolicyOverrideRefusedException the override asks for more than the policy allows
     * @throws TooManyRequestsException the function's or the caller's concurrency limit, or every
     *     instance, stayed busy for the queue wait
     * @throws CapacityExhaustedException no host can take the invocation now
     * @throws NotOfferedException no host offers the function's runtime with its isolation
     * @throws HostUnavailableException the host agent failed
     */
    InvocationOutcome invoke(
            Caller caller, String functionName, String event, PolicyOverride override, LogDestination logDestination);
}
