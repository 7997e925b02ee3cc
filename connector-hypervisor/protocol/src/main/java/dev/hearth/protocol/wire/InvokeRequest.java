package dev.hearth.protocol.wire;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/instances/{id}/invocations}. The agent reuses the instance's containers when
 * they already run this {@code codeSha256}; otherwise it creates them (that is the init).
 * {@code event} is the invocation's JSON text, passed to the entry portion unchanged. {@code
 * credential} is the short-lived token that trusted portions (and only they) receive for this
 * invocation, or null; {@code egressAllowList} names the {@code host:port} destinations that trusted
 * portions may reach through the agent's egress path (empty: no egress at all). {@code
 * auxiliaryUrl} is where the agent reaches Hearth's auxiliary services (e.g. {@code
 * http://127.0.0.1:8080/api/v1/aux}); trusted portions reach it as {@code http://aux.hearth.internal},
 * whatever the allow-list says, or not at all when it is null. {@code allowedPrivateNetworks} are the
 * CIDR ranges (inside RFC 1918, CGNAT or ULA) that an admin allows egress to reach; null or absent
 * (an older sender): none. The agent's destination guard decides every connection with them.
 * {@code secrets} holds, per trusted portion name, the values of the secrets that portion names
 * (secret name to value), decrypted by the control plane for this invocation; null or absent: none.
 * The agent writes them into that portion's container alone and never logs them.
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
        List<String> egressAllowList,
        String auxiliaryUrl,
        List<String> allowedPrivateNetworks,
        Map<String, Map<String, String>> secrets) {

    /** An invocation that hands no secrets. */
    public static InvokeRequest withoutSecrets(
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
            List<String> egressAllowList,
            String auxiliaryUrl,
            List<String> allowedPrivateNetworks) {
        return new InvokeRequest(
                invocationId,
                functionName,
                codeSha256,
                runtime,
                entryPortion,
                portions,
                environment,
                limits,
                event,
                credential,
                egressAllowList,
                auxiliaryUrl,
                allowedPrivateNetworks,
                null);
    }

    /** The secrets handed to {@code portion} for this invocation (secret name to value), or none. */
    public Map<String, String> secretsOf(String portion) {
        Map<String, String> own = secrets == null ? null : secrets.get(portion);
        return own == null ? Map.of() : own;
    }

    /** Never the credential or the secrets' values: a request may end up in a log. */
    @Override
    public String toString() {
        return "InvokeRequest[invocationId=" + invocationId + ", functionName=" + functionName + ", codeSha256="
                + codeSha256 + ", entryPortion=" + entryPortion + "]";
    }

    /** An invocation whose egress may reach no private network. */
    public static InvokeRequest withoutPrivateNetworks(
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
            List<String> egressAllowList,
            String auxiliaryUrl) {
        return new InvokeRequest(
                invocationId,
                functionName,
                codeSha256,
                runtime,
                entryPortion,
                portions,
                environment,
                limits,
                event,
                credential,
                egressAllowList,
                auxiliaryUrl,
                null,
                null);
    }

    /** An invocation whose trusted portions have no route to the auxiliary services. */
    public static InvokeRequest withoutAuxiliaryServices(
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
            List<String> egressAllowList) {
        return new InvokeRequest(
                invocationId,
                functionName,
                codeSha256,
                runtime,
                entryPortion,
                portions,
                environment,
                limits,
                event,
                credential,
                egressAllowList,
                null,
                null,
                null);
    }
}
