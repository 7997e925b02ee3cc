package dev.hearth.hypervisor.host.driver;

import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import java.util.List;
import java.util.Map;

/**
 * What an instance's containers were started for, whichever driver runs them; an invocation that
 * differs in any part needs new ones. The egress allow-list is not part of it: it may change from
 * one invocation to the next without new containers.
 */
public record ContainerKey(
        String codeSha256,
        String runtime,
        String functionName,
        String entryPortion,
        List<PortionSpec> portions,
        Map<String, String> environment,
        ResourceLimits limits) {

    public static ContainerKey of(Invocation invocation) {
        InvokeRequest request = invocation.request();
        return new ContainerKey(
                request.codeSha256(),
                request.runtime(),
                request.functionName(),
                invocation.entry().name(),
                List.copyOf(request.portions()),
                request.environment() == null ? Map.of() : Map.copyOf(request.environment()),
                request.limits());
    }
}
