package dev.hearth.security.credential;

import java.util.Set;

/**
 * What the portions of one trust level may receive: a token that {@code client} obtains by token
 * exchange, for {@code audience} only, carrying at most {@code scopes}.
 */
public record CredentialProfile(String client, String audience, Set<String> scopes) {

    public CredentialProfile {
        scopes = Set.copyOf(scopes);
    }
}
