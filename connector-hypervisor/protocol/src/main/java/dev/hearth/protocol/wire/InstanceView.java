package dev.hearth.protocol.wire;

/**
 * An instance as its host agent sees it. {@code state} is {@code ready} or {@code dead}; {@code
 * member} is the label its boot request carried, null when it carried none or from an agent that
 * keeps no such label.
 */
public record InstanceView(
        String instanceId,
        String hostId,
        String owner,
        String runtime,
        String isolation,
        String state,
        long bootMillis,
        String member) {}
