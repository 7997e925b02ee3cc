package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** Thrown when the invocation event is not acceptable (not JSON, too large) (HTTP 400). */
@ApplicationException(rollback = true)
public class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(message);
    }
}
