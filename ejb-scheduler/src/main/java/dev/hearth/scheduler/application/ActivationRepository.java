package dev.hearth.scheduler.application;

import dev.hearth.persistence.ActivationEntity;
import java.util.List;
import java.util.Optional;

/** Stored activation records. */
public interface ActivationRepository {

    void add(ActivationEntity activation);

    Optional<ActivationEntity> find(String id);

    /** At most {@code limit} activations of the function with this identity, newest first. */
    List<ActivationEntity> newestOf(String functionId, int limit);

    /** Deletes every activation of the function with this identity. */
    void removeOfFunction(String functionId);
}
