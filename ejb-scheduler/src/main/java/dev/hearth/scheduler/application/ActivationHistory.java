package dev.hearth.scheduler.application;

import dev.hearth.persistence.ActivationEntity;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Stored activation records by time, as metering and retention read and remove them. */
public interface ActivationHistory {

    /** When the oldest activation that started before {@code instant} started. */
    Optional<Instant> oldestStartedBefore(Instant instant);

    /** Every activation that started in [{@code from}, {@code to}), oldest first. */
    List<ActivationEntity> startedBetween(Instant from, Instant to);

    /** Deletes the activations with these ids. */
    void removeAll(Collection<String> ids);
}
