package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/**
 * The token sent to an auxiliary service is not a live invocation credential: not minted by Hearth,
 * expired, or its invocations are over (HTTP 401).
 */
@ApplicationException(rollback = true)
public class CredentialRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CredentialRejectedException(String message) {
        super(message);
    }
}
