package dev.hearth.scheduler.application;

/**
 * Encrypts secrets for the database and decrypts them for an invocation, with a key the database
 * does not hold. {@code context} binds a sealed value to where it belongs (owner, function and
 * secret name): a value copied to another row does not open.
 */
public interface SecretCipher {

    byte[] seal(String value, String context);

    /** @throws IllegalStateException the value was not sealed with this key and context */
    String open(byte[] sealed, String context);
}
