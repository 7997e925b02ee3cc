package dev.hearth.cli.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Proof Key for Code Exchange (RFC 7636) with S256: the verifier stays in the CLI, the realm sees
 * only its SHA-256 until the code is exchanged, so a code caught on its way back is useless alone.
 */
public record Pkce(String verifier, String challenge) {

    public static final String METHOD = "S256";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A verifier of 32 random bytes (43 characters, as RFC 7636 4.1 advises) and its challenge. */
    public static Pkce create(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String verifier = BASE64URL.encodeToString(bytes);
        return new Pkce(verifier, challengeOf(verifier));
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), RFC 7636 4.2. */
    public static String challengeOf(String verifier) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return BASE64URL.encodeToString(sha256.digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
