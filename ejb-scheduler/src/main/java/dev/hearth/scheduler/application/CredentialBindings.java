package dev.hearth.scheduler.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which minted credential (by its {@code jti}) serves which function (its identity and name), owner and user, and which
 * invocations hold it until when. The auxiliary services accept a credential only while one of its
 * invocations runs. Kept in memory: one server. (Several servers would need a shared store.)
 */
@ApplicationScoped
public class CredentialBindings {

    /** After its timeout, an invocation may still flush what it sent just before. */
    static final long GRACE_MILLIS = 1_000;

    /** One credential's binding; {@code invocations} maps invocation id to its deadline. */
    public record Binding(
            String credentialId,
            String functionId,
            String functionName,
            String owner,
            String user,
            Set<String> scopes,
            Instant expiresAt,
            Map<String, Instant> invocations) {

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

    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

    /** Records that {@code invocationId} holds the credential until {@code timeoutMillis} (plus a grace) from now. */
    void bind(
            String credentialId,
            String functionId,
            String functionName,
            String owner,
            String user,
            Set<String> scopes,
            Instant expiresAt,
            String invocationId,
            long timeoutMillis) {
        Instant now = Instant.now();
        Instant deadline = now.plusMillis(timeoutMillis + GRACE_MILLIS);
        bindings.computeIfAbsent(credentialId, id -> {
                    bindings.values().removeIf(b -> !now.isBefore(b.expiresAt()));
                    return new Binding(
                            id,
                            functionId,
                            functionName,
                            owner,
                            user,
                            Set.copyOf(scopes),
                            expiresAt,
                            new ConcurrentHashMap<>());
                })
                .invocations()
                .put(invocationId, deadline);
    }

    public Optional<Binding> find(String credentialId) {
        return Optional.ofNullable(bindings.get(credentialId));
    }
}
