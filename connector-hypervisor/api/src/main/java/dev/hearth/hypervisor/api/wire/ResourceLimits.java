package dev.hearth.hypervisor.api.wire;

/** Kernel-enforced limits for each container of an invocation. */
public record ResourceLimits(int memoryMb, long timeoutMillis, int maxProcesses, int tmpMb) {}
