package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** Thrown when the function does not exist or is not visible to the caller (HTTP 404). */
@ApplicationException(rollback = true)
public class FunctionNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FunctionNotFoundException(String message) {
        super(message);
    }
}
