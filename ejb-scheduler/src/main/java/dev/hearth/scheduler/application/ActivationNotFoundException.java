package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** Thrown when the activation does not exist or is not visible to the caller (HTTP 404). */
@ApplicationException(rollback = true)
public class ActivationNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ActivationNotFoundException(String message) {
        super(message);
    }
}
