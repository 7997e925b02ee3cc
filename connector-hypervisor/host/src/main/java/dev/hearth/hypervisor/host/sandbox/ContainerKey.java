package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.PortionSpec;
import dev.hearth.hypervisor.api.wire.ResourceLimits;
import dev.hearth.hypervisor.host.driver.Invocation;
import java.util.Map;

/** What a running container was started for; an invocation that differs in any part needs a new one. */
record ContainerKey(
        String codeSha256,
        String runtime,
        String functionName,
        PortionSpec entry,
        Map<String, String> environment,
        ResourceLimits limits) {

    static ContainerKey of(Invocation invocation) {
        InvokeRequest request = invocation.request();
        return new ContainerKey(
                request.codeSha256(),
                request.runtime(),
                request.functionName(),
                invocation.entry(),
                request.environment() == null ? Map.of() : Map.copyOf(request.environment()),
                request.limits());
    }
}
