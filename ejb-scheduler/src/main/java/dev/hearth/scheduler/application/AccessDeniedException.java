package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/** Thrown when the caller is authenticated but may not do this (HTTP 403). */
@ApplicationException(rollback = true)
public class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
