package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.rules.Limits;
import dev.hearth.persistence.KeyValueEntity;
import dev.hearth.scheduler.application.CredentialBindings.Binding;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key-value store's most keys per owner: a new key past it is refused, an existing one still written. */
class DefaultAuxiliaryServiceTest {

    private static final Set<String> KV = Set.of(AuxiliaryService.KV_READ, AuxiliaryService.KV_WRITE);

    /** Alice's entries, by key. */
    private final Map<String, KeyValueEntity> entries = new HashMap<>();

    private final DefaultAuxiliaryService service = new DefaultAuxiliaryService();
    private final AuxCredential credential;

    DefaultAuxiliaryServiceTest() {
        Instant expiresAt = Instant.now().plusSeconds(300);
        service.bindings = new InMemoryCredentialBindings();
        service.bindings.bind(
                Binding.of("jti-1", "fn-1", "hello", "alice", "alice", KV, expiresAt), "inv-1", expiresAt);
        credential = new AuxCredential("jti-1", "alice", Set.of(AuxiliaryService.AUDIENCE), KV, expiresAt);
        service.store = new KeyValueRepository() {
            @Override
            public Optional<KeyValueEntity> find(String owner, String key) {
                return Optional.ofNullable(entries.get(key))
                        .filter(e -> e.owner().equals(owner));
            }

            @Override
            public long countOf(String owner) {
                return entries.values().stream()
                        .filter(e -> e.owner().equals(owner))
                        .count();
            }

            @Override
            public void add(KeyValueEntity entry) {
                entries.put(entry.key(), entry);
            }

            @Override
            public void remove(KeyValueEntity entry) {
                entries.remove(entry.key());
            }
        };
        for (int i = 0; i < Limits.MAX_KEYS_PER_OWNER - 1; i++) {
            service.store.add(new KeyValueEntity("alice", "k" + i, "1", OffsetDateTime.now()));
        }
    }

    @Test
    void theLastKeyIsStoredTheNextRefusedAndAnExistingOneStillWritten() {
        assertTrue(service.put(credential, "last", "1"), "the 10,000th key is new");

        HearthException e = assertThrows(HearthException.class, () -> service.put(credential, "one-more", "1"));
        assertEquals(ProblemType.QUOTA_EXCEEDED, e.type());
        assertEquals(Optional.empty(), service.get(credential, "one-more"));

        assertFalse(service.put(credential, "k0", "2"), "an existing key is replaced");
        assertTrue(service.delete(credential, "k0"));
        assertTrue(service.put(credential, "one-more", "1"), "a deleted key made room");
    }
}
