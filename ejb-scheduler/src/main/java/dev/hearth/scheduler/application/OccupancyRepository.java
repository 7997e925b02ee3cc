package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.OccupancySample;
import java.time.Instant;
import java.util.List;

/** The members' samples of what their instances were doing, kept a little over an hour. */
public interface OccupancyRepository {

    void add(OccupancySample sample);

    /** Every member's samples taken in [{@code from}, {@code to}). */
    List<OccupancySample> between(Instant from, Instant to);

    /** Deletes every member's samples taken before {@code instant}; how many. */
    int removeBefore(Instant instant);
}
