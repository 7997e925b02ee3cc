package dev.hearth.hypervisor.host.runtimeapi;

/**
 * What the runtime answered for one invocation: its response body, or (when {@code error}) its
 * error document and the error type it named.
 */
public record RuntimeReply(boolean error, String body, String errorType) {}
