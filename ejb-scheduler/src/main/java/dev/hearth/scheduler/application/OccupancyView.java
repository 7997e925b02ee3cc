package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.Occupancy;
import java.time.Instant;
import java.util.List;

/**
 * The instances of all members over a recent window as the console charts them: per slice of
 * {@code sliceSeconds} from {@code from}, oldest first, how many were booting, warming (in the
 * warming pools), idle and busy on average.
 */
public record OccupancyView(Instant from, long sliceSeconds, List<Level> slices) {

    /** The average numbers of instances in one slice. */
    public record Level(Instant start, double booting, double warming, double idle, double busy) {}

    static OccupancyView of(Occupancy occupancy) {
        return new OccupancyView(
                occupancy.from(),
                occupancy.slice().toSeconds(),
                occupancy.slices().stream()
                        .map(l -> new Level(l.start(), l.booting(), l.warming(), l.idle(), l.busy()))
                        .toList());
    }
}
