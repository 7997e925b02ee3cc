package dev.hearth.domain.metering;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The instances of a recent window, from the members' samples, in equal slices (oldest first):
 * per slice, each member's average over its samples in the slice, summed over the members. A
 * member that took fewer samples in a slice (it started, or left) counts by those it took; a slice
 * without samples is empty.
 */
public record Occupancy(Instant from, Duration slice, List<Level> slices) {

    public Occupancy {
        slices = List.copyOf(slices);
    }

    /** How many instances were booting, warming, idle and busy on average in [{@code start}, start + slice). */
    public record Level(Instant start, double booting, double warming, double idle, double busy) {

        public double total() {
            return booting + warming + idle + busy;
        }
    }

    /**
     * The samples taken in the {@code count} slices of {@code slice} that end at {@code to}; the
     * others are left out.
     */
    public static Occupancy of(Collection<OccupancySample> samples, Instant to, Duration slice, int count) {
        if (count < 1 || slice.isNegative() || slice.isZero()) {
            throw new IllegalArgumentException("at least one slice of a positive length");
        }
        Instant from = to.minus(slice.multipliedBy(count));
        List<Map<String, List<OccupancySample>>> bySlice = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bySlice.add(new HashMap<>());
        }
        for (OccupancySample sample : samples) {
            if (sample.sampledAt().isBefore(from) || !sample.sampledAt().isBefore(to)) {
                continue;
            }
            int index = (int) (Duration.between(from, sample.sampledAt()).toNanos() / slice.toNanos());
            bySlice.get(index)
                    .computeIfAbsent(sample.member(), member -> new ArrayList<>())
                    .add(sample);
        }
        List<Level> levels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            levels.add(level(from.plus(slice.multipliedBy(i)), bySlice.get(i).values()));
        }
        return new Occupancy(from, slice, levels);
    }

    private static Level level(Instant start, Collection<List<OccupancySample>> byMember) {
        double booting = 0;
        double warming = 0;
        double idle = 0;
        double busy = 0;
        for (List<OccupancySample> member : byMember) {
            double n = member.size();
            for (OccupancySample sample : member) {
                booting += sample.booting() / n;
                warming += sample.warming() / n;
                idle += sample.idle() / n;
                busy += sample.busy() / n;
            }
        }
        return new Level(start, booting, warming, idle, busy);
    }
}
