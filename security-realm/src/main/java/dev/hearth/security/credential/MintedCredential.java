package dev.hearth.security.credential;

import java.time.Instant;
import java.util.Set;

/**
 * A token minted for an invocation: its text, its identifier ({@code jti}), whom it names ({@code
 * sub}), the scopes Keycloak granted and when it expires. The token never appears in {@link
 * #toString()}.
 */
public record MintedCredential(String token, String id, String subject, Set<String> scopes, Instant expiresAt) {

    public MintedCredential {
        scopes = Set.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "MintedCredential[id=" + id + ", subject=" + subject + ", scopes=" + scopes + ", expiresAt=" + expiresAt
                + "]";
    }
}
