package dev.hearth.scheduler.application;

import dev.hearth.persistence.ActivationEntity;
import java.util.List;
import java.util.Optional;

/**
 * Stored activation records. A record added may be written after {@code add} returns, but this
 * member's reads (here and in {@link ActivationHistory}) see it at once; other members see it
 * once written (docs/adr/0037-activations-written-behind.md).
 */
public interface ActivationRepository {

    void add(ActivationEntity activation);

    Optional<ActivationEntity> find(String id);

    /** At most {@code limit} activations of the function with this identity, newest first. */
    List<ActivationEntity> newestOf(String functionId, int limit);

    /** Deletes every activation of the function with this identity. */
    void removeOfFunction(String functionId);
}
