package dev.hearth.domain.function;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a function's owner allows its code: memory, wall-clock timeout, processes, size of
 * {@code /tmp}, CPU ({@code cpuPercent} of one core per container), environment variables and
 * network egress. The agent enforces it with the kernel.
 * {@code egressAllowList} holds the {@code host:port} destinations (see {@link EgressDestination})
 * that the trusted portions may reach through the agent; empty means no egress at all.
 * {@code credentialScopes} are the scopes the trusted portions' credential asks for (e.g. {@code
 * kv:read}); empty: the function gets no credential. {@code isolation} is what its instances must
 * be.
 */
public record SecurityPolicy(
        int memoryMb,
        long timeoutMillis,
        int maxProcesses,
        int tmpMb,
        int cpuPercent,
        Map<String, String> environment,
        List<String> egressAllowList,
        Set<String> credentialScopes,
        Isolation isolation) {

    public static final SecurityPolicy DEFAULT =
            new SecurityPolicy(128, 3_000, 32, 16, 100, Map.of(), List.of(), Set.of(), Isolation.SANDBOX);

    public SecurityPolicy {
        environment = Map.copyOf(environment);
        egressAllowList = List.copyOf(egressAllowList);
        credentialScopes = Set.copyOf(credentialScopes);
        Objects.requireNonNull(isolation, "isolation");
    }

    /** This policy with other limits, everything else kept. */
    public SecurityPolicy withLimits(int memoryMb, long timeoutMillis, int maxProcesses, int tmpMb, int cpuPercent) {
        return new SecurityPolicy(
                memoryMb,
                timeoutMillis,
                maxProcesses,
                tmpMb,
                cpuPercent,
                environment,
                egressAllowList,
                credentialScopes,
                isolation);
    }

    /** This policy with another allow-list, everything else kept. */
    public SecurityPolicy withEgressAllowList(List<String> allowList) {
        return new SecurityPolicy(
                memoryMb,
                timeoutMillis,
                maxProcesses,
                tmpMb,
                cpuPercent,
                environment,
                allowList,
                credentialScopes,
                isolation);
    }
}
