package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** Thrown when the host agent could not be reached or failed (HTTP 502). */
@ApplicationException(rollback = true)
public class HostUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HostUnavailableException(String message) {
        super(message);
    }
}
