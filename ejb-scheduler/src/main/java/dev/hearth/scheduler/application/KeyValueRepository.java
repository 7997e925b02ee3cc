package dev.hearth.scheduler.application;

import dev.hearth.persistence.KeyValueEntity;
import java.util.Optional;

/** The key-value stores of function owners. */
public interface KeyValueRepository {

    Optional<KeyValueEntity> find(String owner, String key);

    /** How many keys the owner's store holds. */
    long countOf(String owner);

    void add(KeyValueEntity entry);

    void remove(KeyValueEntity entry);
}
