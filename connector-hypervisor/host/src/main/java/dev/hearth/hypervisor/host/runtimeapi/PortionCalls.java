package dev.hearth.hypervisor.host.runtimeapi;

import java.util.function.Predicate;

/**
 * How the entry portion calls another portion of its function: {@code POST
 * /2018-06-01/hearth/portions/{name}/invoke} on its own Runtime API. The instance delivers the
 * body as an event to that portion's runtime and answers with its reply; {@link #serve} is what
 * every driver does around that delivery.
 */
@FunctionalInterface
public interface PortionCalls {

    /** Runs portion {@code name} on {@code event} (JSON text) and waits for its answer. */
    PortionAnswer call(String name, String event) throws InterruptedException;

    /**
     * The answer to a portion call: {@code status} 200 with the portion's response, 502 with its
     * error document (and {@code errorType}) when it failed, 404 for an unknown portion, 409
     * outside an invocation, 403 when the caller may not call it, 504 when the portion cannot take
     * it in the time left.
     */
    record PortionAnswer(int status, String body, String errorType) {}

    /** The invocation under way, as the portion calls made during it need it. */
    record Running(String requestId, long deadlineEpochMillis, String functionArn) {}

    /** How a driver runs an event in one portion's container. */
    @FunctionalInterface
    interface Delivery<T> {
        PortionAnswer deliver(T portion, PendingEvent event, long leftMillis) throws InterruptedException;
    }

    /**
     * Serves a call from the entry portion {@code entryName} to portion {@code name} ({@code
     * target}, null if the function has none) during {@code running} (null outside an
     * invocation): within what is left of the invocation's time, and one call at a time per
     * portion.
     */
    static <T> PortionAnswer serve(
            Running running,
            String entryName,
            String name,
            T target,
            Predicate<T> idle,
            String event,
            Delivery<T> delivery)
            throws InterruptedException {
        if (running == null) {
            return answer(409, "no invocation is running", "Hearth.NoInvocation");
        }
        if (target == null) {
            return answer(404, "the function has no such portion", "Hearth.NoSuchPortion");
        }
        if (name.equals(entryName)) {
            return answer(403, "the entry portion cannot call itself", "Hearth.Forbidden");
        }
        synchronized (target) {
            long left = running.deadlineEpochMillis() - System.currentTimeMillis();
            if (left <= 0 || !idle.test(target)) {
                return answer(504, "the portion is not available in the time left", "Sandbox.timed_out");
            }
            return delivery.deliver(
                    target,
                    PendingEvent.of(
                            running.requestId(),
                            event == null || event.isEmpty() ? "{}" : event,
                            running.deadlineEpochMillis(),
                            running.functionArn()),
                    left);
        }
    }

    /** An answer with a Lambda-style error document. */
    static PortionAnswer answer(int status, String message, String type) {
        return new PortionAnswer(status, ErrorDocument.of(message, type), type);
    }
}
