package dev.hearth.scheduler.application;

/** What the caller of an invocation gets back: the function's payload and its activation. */
public record InvocationOutcome(ActivationView activation, String payload) {

    public boolean succeeded() {
        return "success".equals(activation.status());
    }
}
