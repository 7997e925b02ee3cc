package dev.hearth.scheduler.application;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which minted credential (by its {@code jti}) serves which function (its identity and name), owner and user, and which
 * invocations hold it until when. The auxiliary services accept a credential only while one of its
 * invocations runs, on whichever member they are asked: a member binds, any member finds.
 */
public interface CredentialBindings {

    /** After its timeout, an invocation may still flush what it sent just before. */
    long GRACE_MILLIS = 1_000;

    /**
     * One credential's binding; {@code invocations} maps invocation id to its deadline. A value:
     * binding an invocation makes a new one, so that a data grid can hold and ship it whole.
     */
    record Binding(
            String credentialId,
            String functionId,
            String functionName,
            String owner,
            String user,
            Set<String> scopes,
            Instant expiresAt,
            Map<String, Instant> invocations)
            implements Serializable {

        public Binding {
            scopes = Set.copyOf(scopes);
            invocations = Map.copyOf(invocations);
        }

        /** The credential as minted, before any invocation holds it. */
        public static Binding of(
                String credentialId,
                String functionId,
                String functionName,
                String owner,
                String user,
                Set<String> scopes,
                Instant expiresAt) {
            return new Binding(credentialId, functionId, functionName, owner, user, scopes, expiresAt, Map.of());
        }

        /**
         * This binding with {@code invocationId} holding it until {@code deadline}; invocations whose
         * deadline passed before {@code now} are dropped, so that a credential reused by many
         * invocations stays as small as the invocations running at once.
         */
        public Binding holding(String invocationId, Instant deadline, Instant now) {
            Map<String, Instant> held = new HashMap<>();
            invocations.forEach((id, until) -> {
                if (now.isBefore(until)) {
                    held.put(id, until);
                }
            });
            held.put(invocationId, deadline);
            return new Binding(credentialId, functionId, functionName, owner, user, scopes, expiresAt, held);
        }

        /** Whether {@code invocationId} (or, when null, any invocation) holds this credential at {@code now}. */
        public boolean activeAt(Instant now, String invocationId) {
            if (!now.isBefore(expiresAt)) {
                return false;
            }
            if (invocationId != null) {
                Instant deadline = invocations.get(invocationId);
                return deadline != null && now.isBefore(deadline);
            }
            return invocations.values().stream().anyMatch(now::isBefore);
        }
    }

    /**
     * Records that {@code invocationId} holds {@code credential} until {@code deadline}; the
     * binding is kept until the credential expires.
     */
    void bind(Binding credential, String invocationId, Instant deadline);

    Optional<Binding> find(String credentialId);
}
