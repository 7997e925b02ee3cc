package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** Keycloak could not mint an invocation's credential: unreachable, or misconfigured (HTTP 503). */
@ApplicationException(rollback = true)
public class IdentityProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IdentityProviderException(String message) {
        super(message);
    }
}
