package dev.hearth.protocol.wire;

/**
 * Kernel-enforced limits for each container of an invocation. {@code cpuPercent} is the share of
 * one core each container may use (CFS quota), at most the host's own maximum; 0 gives the host's
 * maximum, and so does a request without it.
 */
public record ResourceLimits(int memoryMb, long timeoutMillis, int maxProcesses, int tmpMb, int cpuPercent) {

    /** Limits that leave the CPU share to the host. */
    public static ResourceLimits of(int memoryMb, long timeoutMillis, int maxProcesses, int tmpMb) {
        return new ResourceLimits(memoryMb, timeoutMillis, maxProcesses, tmpMb, 0);
    }
}
