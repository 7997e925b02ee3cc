package dev.hearth.hypervisor.host.driver;

import dev.hearth.protocol.wire.PortionSpec;
import java.util.Map;

/**
 * What a container runs, as far as its runtime sees it: one portion of a function. {@code
 * portionPath} is the portion's normalised folder inside the code package ({@code ""} for its
 * root); {@code environment} the function's and the portion's own variables, before the runtime's.
 */
public record Workload(
        String runtime,
        String portionName,
        String portionPath,
        String handler,
        boolean trusted,
        String functionName,
        int memoryMb,
        Map<String, String> environment) {

    /** Portion {@code spec} of the function the containers of {@code key} run. */
    public static Workload of(ContainerKey key, PortionSpec spec) {
        return new Workload(
                key.runtime(),
                spec.name(),
                RuntimeContract.portionPath(spec.path()),
                spec.handler(),
                "trusted".equals(spec.trustLevel()),
                key.functionName(),
                key.limits().memoryMb(),
                spec.environmentOver(key.environment()));
    }
}
