package dev.hearth.protocol.wire;

/**
 * Something that happened on a host without being asked: {@code GET /v1/events?after=N&waitMillis=M}
 * answers the events with a {@code sequence} above N, waiting up to M milliseconds for the first.
 * {@code type} is one of {@code instance_died}, {@code container_exited}, {@code out_of_memory}
 * or {@code timed_out}; {@code detail} is a one-line human description.
 */
public record AgentEvent(
        long sequence, String type, String hostId, String instanceId, String detail, long timeMillis) {}
