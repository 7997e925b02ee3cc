package dev.hearth.scheduler.infrastructure.datagrid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import dev.hearth.scheduler.application.CredentialBindings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The credential bindings in a grid map, so that the auxiliary services on any member accept a
 * credential minted on another. An entry lives until its credential expires (its time to live);
 * binding an invocation updates it in one entry processor on the member that owns the key, so two
 * members binding invocations to one credential at once both stay bound.
 */
public class DataGridCredentialBindings implements CredentialBindings {

    static final String MAP = "hearth.credential-bindings";

    private final IMap<String, Binding> bindings;

    public DataGridCredentialBindings(HazelcastInstance grid) {
        this.bindings = grid.getMap(MAP);
    }

    @Override
    public void bind(Binding credential, String invocationId, Instant deadline) {
        bindings.executeOnKey(credential.credentialId(), new Hold(credential, invocationId, deadline, Instant.now()));
    }

    @Override
    public Optional<Binding> find(String credentialId) {
        return Optional.ofNullable(bindings.get(credentialId));
    }

    /** Adds one invocation to the binding (made from {@code credential} when there is none yet), kept until expiry. */
    record Hold(Binding credential, String invocationId, Instant deadline, Instant now)
            implements EntryProcessor<String, Binding, Void> {

        @Override
        public Void process(Map.Entry<String, Binding> entry) {
            long ttlMillis = Duration.between(now, credential.expiresAt()).toMillis();
            if (ttlMillis <= 0) {
                return null;
            }
            Binding bound = entry.getValue() == null ? credential : entry.getValue();
            ((ExtendedMapEntry<String, Binding>) entry)
                    .setValue(bound.holding(invocationId, deadline, now), ttlMillis, TimeUnit.MILLISECONDS);
            return null;
        }
    }
}
