package dev.hearth.protocol.wire;

import java.util.List;

/** What a host agent says of itself: {@code GET /v1/agent}. */
public record AgentInfo(String hostId, String apiVersion, String driver, int instanceCapacity, List<String> runtimes) {}
