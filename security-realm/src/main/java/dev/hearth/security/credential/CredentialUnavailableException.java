package dev.hearth.security.credential;

/** The identity provider could not be reached, or answered with an error of its own. */
public class CredentialUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CredentialUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
