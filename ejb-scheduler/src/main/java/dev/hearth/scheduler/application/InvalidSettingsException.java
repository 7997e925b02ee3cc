package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** Thrown when an admin asks for pool or scheduler settings that cannot hold (HTTP 400). */
@ApplicationException(rollback = true)
public class InvalidSettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingsException(String message) {
        super(message);
    }
}
