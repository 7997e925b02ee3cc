package dev.hearth.scheduler.application;

import java.time.Instant;
import java.util.Set;

/** The claims of a token presented to an auxiliary service, as the web layer verified them. */
public record AuxCredential(String id, String username, Set<String> audience, Set<String> scopes, Instant expiresAt) {

    public AuxCredential {
        audience = Set.copyOf(audience);
        scopes = Set.copyOf(scopes);
    }
}
