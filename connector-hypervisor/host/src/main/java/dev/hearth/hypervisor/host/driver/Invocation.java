package dev.hearth.hypervisor.host.driver;

import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.PortionSpec;
import java.nio.file.Path;

/**
 * One invocation as a driver receives it: the request (already checked by the agent), the entry
 * portion it names, and the folder holding the code package unpacked read-only.
 */
public record Invocation(String requestId, InvokeRequest request, PortionSpec entry, Path codeDir) {}
