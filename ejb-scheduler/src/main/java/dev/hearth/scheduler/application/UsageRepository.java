package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.HourlyUsage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Hourly usage per user and function, as the rollup and the archiving computed it. */
public interface UsageRepository {

    /** Replaces the usage of the hours in [{@code from}, {@code to}) by {@code usage}. */
    void replace(Instant from, Instant to, List<HourlyUsage> usage);

    /** The usage of the hours in [{@code from}, {@code to}), of one user or (empty) everyone's, oldest first. */
    List<HourlyUsage> between(Instant from, Instant to, Optional<String> user);
}
