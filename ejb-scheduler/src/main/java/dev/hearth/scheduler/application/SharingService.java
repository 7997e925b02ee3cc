package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;
import java.util.List;

/**
 * Sharing a function: its owner (or an admin) grants users ({@code user:NAME}) or realm roles
 * ({@code role:NAME}) the right to invoke it, and nothing else: they cannot read its code or
 * configuration.
 */
public interface SharingService {

    /**
     * @return the grant, and whether it was created now
     * @throws HearthException FUNCTION_NOT_FOUND: missing, or not the caller's to manage
     * @throws HearthException INVALID_REQUEST: not user:NAME or role:NAME
     * @throws HearthException QUOTA_EXCEEDED: a new principal past {@code
     *     Limits.MAX_GRANTS_PER_FUNCTION}
     */
    Granted grant(Caller caller, String functionName, String principal);

    /** @throws HearthException FUNCTION_NOT_FOUND: missing, not the caller's, or no such grant */
    void revoke(Caller caller, String functionName, String principal);

    /** @throws HearthException FUNCTION_NOT_FOUND: missing, or not the caller's to manage */
    List<GrantView> grants(Caller caller, String functionName);

    /** A grant and whether this call created it. */
    record Granted(GrantView grant, boolean created) {}
}
