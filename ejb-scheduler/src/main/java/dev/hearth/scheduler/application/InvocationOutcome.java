package dev.hearth.scheduler.application;

/** What the caller of an invocation gets back: the function's payload and its activation. */
public record InvocationOutcome(ActivationView activation, String payload) {

    public boolean succeeded() {
        return "success".equals(activation.status());
    }

    /** The payload as the JSON an answer inlines ({@link JsonText#of}). */
    public JsonText payloadAsJson() {
        return JsonText.of(payload);
    }
}
