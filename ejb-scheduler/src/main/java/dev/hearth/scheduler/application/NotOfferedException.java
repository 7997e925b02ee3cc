package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;

/**
 * Thrown when hosts take work but none offers the function's runtime with its isolation (HTTP 503
 * without {@code Retry-After}: retrying does not help until an admin adds such a host).
 */
@ApplicationException(rollback = true)
public class NotOfferedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotOfferedException(String message) {
        super(message);
    }
}
