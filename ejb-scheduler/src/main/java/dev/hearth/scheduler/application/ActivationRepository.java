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

    /**
     * At most {@code limit} activations of the function with this identity, newest first, each
     * stored result read only up to its first {@code resultChars} characters (code points): a
     * longer one is given as that beginning, {@code resultTruncated}.
     */
    List<ActivationView> newestOf(String functionId, int limit, int resultChars);

    /** Deletes every activation of the function with this identity. */
    void removeOfFunction(String functionId);
}
