package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** A grant names no valid principal (HTTP 400). */
@ApplicationException(rollback = true)
public class InvalidPrincipalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidPrincipalException(String message) {
        super(message);
    }
}
