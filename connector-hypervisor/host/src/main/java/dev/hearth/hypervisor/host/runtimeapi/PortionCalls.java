package dev.hearth.hypervisor.host.runtimeapi;

/**
 * How the entry portion calls another portion of its function: {@code POST
 * /2018-06-01/hearth/portions/{name}/invoke} on its own Runtime API. The instance delivers the
 * body as an event to that portion's runtime and answers with its reply.
 */
@FunctionalInterface
public interface PortionCalls {

    /** Runs portion {@code name} on {@code event} (JSON text) and waits for its answer. */
    PortionAnswer call(String name, String event) throws InterruptedException;

    /**
     * The answer to a portion call: {@code status} 200 with the portion's response, 502 with its
     * error document (and {@code errorType}) when it failed, 404 for an unknown portion, 409
     * outside an invocation, 403 when the caller may not call it.
     */
    record PortionAnswer(int status, String body, String errorType) {}
}
