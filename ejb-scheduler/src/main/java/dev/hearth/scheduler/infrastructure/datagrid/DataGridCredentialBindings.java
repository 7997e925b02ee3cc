package dev.hearth.scheduler.infrastructure.datagrid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hearth.scheduler.application.CredentialBindings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The credential bindings in a grid map, so that the auxiliary services on any member accept a
 * credential minted on another. An entry lives until its credential expires (its time to live).
 * Binding an invocation reads and writes the entry under the grid's lock of its key, so two members
 * binding invocations to one credential at once both stay bound; no code of Hearth runs on the
 * member that owns the entry, which may be Payara's DAS without Hearth's classes (ADR 29). A
 * member that dies holding the lock gives it up with its membership.
 */
public class DataGridCredentialBindings implements CredentialBindings {

    static final String MAP = "hearth.credential-bindings";

    private final IMap<String, Binding> bindings;

    public DataGridCredentialBindings(HazelcastInstance grid) {
        this.bindings = grid.getMap(MAP);
    }

    @Override
    public void bind(Binding credential, String invocationId, Instant deadline) {
        Instant now = Instant.now();
        long ttlMillis = Duration.between(now, credential.expiresAt()).toMillis();
        if (ttlMillis <= 0) {
            return;
        }
        String key = credential.credentialId();
        bindings.lock(key);
        try {
            Binding bound = Optional.ofNullable(bindings.get(key)).orElse(credential);
            bindings.set(key, bound.holding(invocationId, deadline, now), ttlMillis, TimeUnit.MILLISECONDS);
        } finally {
            bindings.unlock(key);
        }
    }

    @Override
    public Optional<Binding> find(String credentialId) {
        return Optional.ofNullable(bindings.get(credentialId));
    }
}
