package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** Thrown when no instance can serve the invocation now (HTTP 503). */
@ApplicationException(rollback = true)
public class CapacityExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CapacityExhaustedException(String message) {
        super(message);
    }
}
