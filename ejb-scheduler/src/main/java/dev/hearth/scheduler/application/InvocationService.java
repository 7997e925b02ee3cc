package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;

/** Runs a function once: authorise, place, invoke on a host agent, record the activation. */
public interface InvocationService {

    /**
     * @param event the invocation's event, JSON text
     * @throws FunctionNotFoundException missing, or not visible to the caller
     * @throws InvalidEventException the event is not JSON
     * @throws CapacityExhaustedException no instance can be had now
     * @throws HostUnavailableException the host agent failed
     */
    InvocationOutcome invoke(Caller caller, String functionName, String event);
}
