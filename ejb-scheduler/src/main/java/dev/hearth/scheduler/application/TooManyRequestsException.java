package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/**
 * Thrown when an invocation waited as long as the settings allow for a concurrency slot or a free
 * instance and got none (HTTP 429 with {@code Retry-After}).
 */
@ApplicationException(rollback = true)
public class TooManyRequestsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TooManyRequestsException(String message) {
        super(message);
    }
}
