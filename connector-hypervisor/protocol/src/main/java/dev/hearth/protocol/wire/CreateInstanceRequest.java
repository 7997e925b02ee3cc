package dev.hearth.protocol.wire;

/**
 * {@code POST /v1/instances}. {@code owner} is null for a warming-pool instance; {@code
 * isolation} is {@code sandbox} or {@code vm}.
 */
public record CreateInstanceRequest(String owner, String runtime, String isolation) {}
