package dev.hearth.security.credential;

/** The identity provider refused to mint the credential for this caller. */
public class CredentialRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CredentialRefusedException(String message) {
        super(message);
    }
}
