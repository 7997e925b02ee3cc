package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** Thrown when an admin names an instance the pool does not know (HTTP 404). */
@ApplicationException(rollback = true)
public class InstanceNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InstanceNotFoundException(String message) {
        super(message);
    }
}
