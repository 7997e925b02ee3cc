package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.PortionSpec;
import dev.hearth.hypervisor.api.wire.ResourceLimits;
import dev.hearth.hypervisor.host.driver.Invocation;
import java.util.List;
import java.util.Map;

/**
 * What an instance's containers were started for; an invocation that differs in any part needs
 * new ones. The egress allow-list is not part of it: trusted containers always get the egress
 * proxy, whose allow-list may change from one invocation to the next.
 */
record ContainerKey(
        String codeSha256,
        String runtime,
        String functionName,
        String entryPortion,
        List<PortionSpec> portions,
        Map<String, String> environment,
        ResourceLimits limits) {

    static ContainerKey of(Invocation invocation) {
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
