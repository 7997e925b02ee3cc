package dev.hearth.hypervisor.api.wire;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/instances/{id}/invocations}. The agent reuses the instance's containers when
 * they already run this {@code codeSha256}; otherwise it creates them (that is the init).
 * {@code event} is the invocation's JSON text, passed to the entry portion unchanged. {@code
 * credential} is the short-lived token that trusted portions (and only they) receive for this
 * invocation, or null; {@code egressAllowList} names the {@code host:port} destinations that trusted
 * portions may reach through the agent's egress path (empty: no egress at all).
 */
public record InvokeRequest(
        String invocationId,
        String functionName,
        String codeSha256,
        String runtime,
        String entryPortion,
        List<PortionSpec> portions,
        Map<String, String> environment,
        ResourceLimits limits,
        String event,
        String credential,
        List<String> egressAllowList) {}
