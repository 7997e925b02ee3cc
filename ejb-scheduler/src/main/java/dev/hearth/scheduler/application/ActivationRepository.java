package dev.hearth.scheduler.application;

import dev.hearth.persistence.ActivationEntity;
import java.util.List;
import java.util.Optional;

/**
 * Stored activation records. A record handed to {@link ActivationRecords} may be written later,
 * but this member's reads here see it at once; other members see it once written
 * (docs/adr/0037-activations-written-behind.md).
 */
public interface ActivationRepository {

    Optional<ActivationEntity> find(String id);

    /** At most {@code limit} activations of the function with this identity, newest first. */
    List<ActivationEntity> newestOf(String functionId, int limit);

    /** Deletes every activation of the function with this identity. */
    void removeOfFunction(String functionId);
}
