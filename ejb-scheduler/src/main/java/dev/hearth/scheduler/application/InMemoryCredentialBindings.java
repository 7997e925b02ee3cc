package dev.hearth.scheduler.application;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The credential bindings in this server's memory: one server, Payara's data grid off. */
public class InMemoryCredentialBindings implements CredentialBindings {

    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

    @Override
    public void bind(Binding credential, String invocationId, Instant deadline) {
        Instant now = Instant.now();
        if (!bindings.containsKey(credential.credentialId())) {
            bindings.values().removeIf(b -> !now.isBefore(b.expiresAt()));
        }
        bindings.compute(credential.credentialId(), (id, bound) -> (bound == null ? credential : bound)
                .holding(invocationId, deadline, now));
    }

    @Override
    public Optional<Binding> find(String credentialId) {
        return Optional.ofNullable(bindings.get(credentialId));
    }
}
