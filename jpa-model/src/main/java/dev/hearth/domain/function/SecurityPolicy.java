package dev.hearth.domain.function;

import java.util.Map;

/**
 * What a function's owner allows its code: memory, wall-clock timeout, processes, size of
 * {@code /tmp}, environment variables and network egress. The agent enforces it with the kernel.
 */
public record SecurityPolicy(
        int memoryMb, long timeoutMillis, int maxProcesses, int tmpMb, Map<String, String> environment, Egress egress) {

    public static final SecurityPolicy DEFAULT = new SecurityPolicy(128, 3_000, 32, 16, Map.of(), Egress.NONE);

    public SecurityPolicy {
        environment = Map.copyOf(environment);
    }

    /** Network egress: none at all (the default), or an allow-list for the trusted portion. */
    public enum Egress {
        NONE
    }
}
