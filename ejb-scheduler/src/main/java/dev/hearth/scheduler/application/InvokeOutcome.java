package dev.hearth.scheduler.application;

/**
 * How a host agent answered one invocation, in the scheduler's terms: the function ran (whatever
 * its own status), or the instance is gone, or the host lacks the code package, or the call
 * failed. {@link HypervisorGateway} maps its transport's answers to these; no caller sees a
 * status code.
 */
public sealed interface InvokeOutcome {

    /**
     * The function ran. {@code status} is how it ended ({@code success}, {@code error}, {@code
     * timed_out}, …), {@code payload} its response or error document; {@code containersCreated}
     * whether the agent had to start the function's containers for it.
     */
    record Invoked(
            String invocationId,
            String status,
            String payload,
            boolean containersCreated,
            long initMillis,
            long runMillis,
            String logTail)
            implements InvokeOutcome {}

    /** The agent no longer has the instance (it died, or the agent restarted). */
    record InstanceGone(String reason) implements InvokeOutcome {}

    /** The host does not hold the function's code package: upload it, then invoke again. */
    record CodeMissing(String reason) implements InvokeOutcome {}

    /** The agent could not be reached or refused the invocation. */
    record Failed(HostAgentFailure failure) implements InvokeOutcome {}
}
