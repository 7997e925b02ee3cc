package dev.hearth.console;

import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** A per-session secret that every form carries back, so that no other site can post as the user. */
final class CsrfToken {

    static final String PARAMETER = "csrf";
    private static final String ATTRIBUTE = CsrfToken.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfToken() {}

    /** The session's token, made on first use. */
    static String of(HttpSession session) {
        synchronized (session) {
            Object existing = session.getAttribute(ATTRIBUTE);
            if (existing instanceof String token) {
                return token;
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(ATTRIBUTE, token);
            return token;
        }
    }

    /** Whether {@code presented} is the session's token (compared in constant time). */
    static boolean matches(HttpSession session, String presented) {
        if (session == null || presented == null || !(session.getAttribute(ATTRIBUTE) instanceof String token)) {
            return false;
        }
        return MessageDigest.isEqual(
                token.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}
