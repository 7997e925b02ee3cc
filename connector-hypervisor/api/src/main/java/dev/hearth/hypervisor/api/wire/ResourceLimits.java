package dev.hearth.hypervisor.api.wire;

import jakarta.json.bind.annotation.JsonbCreator;

/**
 * Kernel-enforced limits for each container of an invocation. {@code cpuPercent} is the share of
 * one core each container may use (CFS quota), at most the host's own maximum; 0 gives the host's
 * maximum.
 */
public record ResourceLimits(int memoryMb, long timeoutMillis, int maxProcesses, int tmpMb, int cpuPercent) {

    /** The constructor JSON-B reads with (a request without cpuPercent gets the host's maximum). */
    @JsonbCreator
    public ResourceLimits {}

    /** Limits that leave the CPU share to the host. */
    public ResourceLimits(int memoryMb, long timeoutMillis, int maxProcesses, int tmpMb) {
        this(memoryMb, timeoutMillis, maxProcesses, tmpMb, 0);
    }
}
