package dev.hearth.scheduler.application;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.function.SecurityPolicy;
import java.util.List;
import java.util.Map;

/**
 * One invocation as the scheduler hands it to a host agent: the function's code and manifest, the
 * policy in force for this call (its own, possibly narrowed), the event, and what trusted portions
 * receive: the {@code credential} (or null), the route to the auxiliary services (or null) and
 * {@code secrets} per portion name.
 */
public record Invocation(
        String invocationId,
        String functionName,
        String codeSha256,
        FunctionManifest manifest,
        SecurityPolicy policy,
        String event,
        String credential,
        String auxiliaryUrl,
        List<String> allowedPrivateNetworks,
        Map<String, Map<String, String>> secrets) {

    /** Never the credential, the secrets' values or the event: an invocation may end up in a log. */
    @Override
    public String toString() {
        return "Invocation[invocationId=" + invocationId + ", functionName=" + functionName + ", codeSha256="
                + codeSha256 + "]";
    }
}
