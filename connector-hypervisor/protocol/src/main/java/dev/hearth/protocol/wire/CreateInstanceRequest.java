package dev.hearth.protocol.wire;

/**
 * {@code POST /v1/instances}. {@code owner} is null for a warming-pool instance; {@code
 * isolation} is {@code sandbox} or {@code vm}; {@code member} names the member of the control
 * plane that boots it, a label the agent keeps and lists (null from a sender that names none).
 */
public record CreateInstanceRequest(String owner, String runtime, String isolation, String member) {}
