package dev.hearth.protocol.wire;

/** An instance as its host agent sees it. {@code state} is {@code ready} or {@code dead}. */
public record InstanceView(
        String instanceId,
        String hostId,
        String owner,
        String runtime,
        String isolation,
        String state,
        long bootMillis) {}
