package dev.hearth.domain.metering;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The invocations of a recent window, counted in equal slices (oldest first) and as a whole: how
 * many, how many failed, their median and 99th-percentile duration, and how many started each way.
 */
public record Traffic(Instant from, Duration slice, List<Slice> slices, Slice whole, Map<String, Long> startKinds) {

    /** Start kinds in the order of their names. */
    public Traffic {
        slices = List.copyOf(slices);
        startKinds = Collections.unmodifiableMap(new TreeMap<>(startKinds));
    }

    /**
     * The invocations that started in the {@code count} slices of {@code slice} that end at {@code
     * to}; the others are left out. Start kinds are sorted by name.
     */
    public static Traffic of(Collection<TimedInvocation> invocations, Instant to, Duration slice, int count) {
        if (count < 1 || slice.isNegative() || slice.isZero()) {
            throw new IllegalArgumentException("at least one slice of a positive length");
        }
        Instant from = to.minus(slice.multipliedBy(count));
        List<List<TimedInvocation>> bySlice = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bySlice.add(new ArrayList<>());
        }
        List<TimedInvocation> all = new ArrayList<>();
        Map<String, Long> startKinds = new TreeMap<>();
        for (TimedInvocation invocation : invocations) {
            if (invocation.startedAt().isBefore(from) || !invocation.startedAt().isBefore(to)) {
                continue;
            }
            int index = (int) (Duration.between(from, invocation.startedAt()).toNanos() / slice.toNanos());
            bySlice.get(index).add(invocation);
            all.add(invocation);
            startKinds.merge(invocation.startKind(), 1L, Long::sum);
        }
        List<Slice> slices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slices.add(Slice.of(from.plus(slice.multipliedBy(i)), bySlice.get(i)));
        }
        return new Traffic(from, slice, slices, Slice.of(from, all), startKinds);
    }

    /**
     * Invocations that started in [{@code start}, start + slice): {@code p50Millis} and {@code
     * p99Millis} are 0 when there were none.
     */
    public record Slice(Instant start, long invocations, long errors, long p50Millis, long p99Millis) {

        static Slice of(Instant start, List<TimedInvocation> invocations) {
            long[] durations = invocations.stream()
                    .mapToLong(TimedInvocation::durationMillis)
                    .sorted()
                    .toArray();
            long errors = invocations.stream().filter(TimedInvocation::failed).count();
            return new Slice(start, durations.length, errors, percentile(durations, 50), percentile(durations, 99));
        }

        /** The share of invocations that failed, 0 to 1; 0 without invocations. */
        public double errorRate() {
            return invocations == 0 ? 0 : (double) errors / invocations;
        }

        /** The nearest-rank percentile of sorted durations: the smallest one that {@code p} % do not exceed. */
        private static long percentile(long[] sorted, int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }
}
