package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.MeteredInvocation;
import dev.hearth.domain.metering.TimedInvocation;
import dev.hearth.persistence.ActivationEntity;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stored activation records by time, as metering, retention and the console's charts read and remove them. */
public interface ActivationHistory {

    /** When the oldest activation that started before {@code instant} started. */
    Optional<Instant> oldestStartedBefore(Instant instant);

    /** The first {@code limit} activations that started in [{@code from}, {@code to}), oldest first. */
    List<ActivationEntity> startedBetween(Instant from, Instant to, int limit);

    /**
     * What metering needs of every activation that started in [{@code from}, {@code to}), read
     * without results and logs: an hour may hold 100,000 records of 256 Ki characters each.
     */
    List<MeteredInvocation> meteredBetween(Instant from, Instant to);

    /**
     * How many of the oldest activations that started in [{@code from}, {@code to}) hold at most
     * {@code maxChars} characters of results and log tails together: at least one when there is one,
     * at most {@code maxRecords}. Only their sizes are read.
     */
    int fitting(Instant from, Instant to, long maxChars, int maxRecords);

    /**
     * What the charts need of every ended activation that started in [{@code from}, {@code to})
     * (not a queued or running async one): of
     * functions owned by {@code owner}, or (empty) of all.
     */
    List<TimedInvocation> timedBetween(Instant from, Instant to, Optional<String> owner);

    /**
     * How many of the ended activations that started in [{@code from}, {@code to}) started each way, per
     * runtime of their function as it is now (those of deleted functions are left out): by runtime
     * id, then start kind id.
     */
    Map<String, Map<String, Long>> startKindsByRuntime(Instant from, Instant to);

    /** Deletes the activations with these ids. */
    void removeAll(Collection<String> ids);
}
