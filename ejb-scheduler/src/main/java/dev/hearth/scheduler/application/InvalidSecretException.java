package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** A secret's name or value is not acceptable (HTTP 400); the message never holds the value. */
@ApplicationException(rollback = true)
public class InvalidSecretException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidSecretException(String message) {
        super(message);
    }
}
