package dev.hearth.hypervisor.host.runtimeapi;

/** An event handed to the runtime by {@code /runtime/invocation/next}. */
public record PendingEvent(
        String requestId, String event, long deadlineEpochMillis, String functionArn, String traceId) {}
