package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** The function has no secret of that name (HTTP 404). */
@ApplicationException(rollback = true)
public class SecretNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretNotFoundException(String message) {
        super(message);
    }
}
