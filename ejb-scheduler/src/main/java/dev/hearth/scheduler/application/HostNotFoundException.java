package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** Thrown when an admin names a host Hearth is not configured to use (HTTP 404). */
@ApplicationException(rollback = true)
public class HostNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HostNotFoundException(String message) {
        super(message);
    }
}
