package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.Traffic;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Recent invocations as the console charts them: per slice of {@code sliceSeconds} from {@code
 * from}, oldest first, and over the whole window; how many started each way ({@code startKinds},
 * by name).
 */
public record TrafficView(
        Instant from, long sliceSeconds, List<SliceView> slices, SliceView whole, Map<String, Long> startKinds) {

    /**
     * The invocations that started in one slice: how many per second, how many failed and which
     * share ({@code errorRate}, 0 to 1), the median and 99th-percentile duration (0 without any).
     */
    public record SliceView(
            Instant start,
            long invocations,
            double perSecond,
            long errors,
            double errorRate,
            long p50Millis,
            long p99Millis) {

        static SliceView of(Traffic.Slice slice, long seconds) {
            return new SliceView(
                    slice.start(),
                    slice.invocations(),
                    (double) slice.invocations() / seconds,
                    slice.errors(),
                    slice.errorRate(),
                    slice.p50Millis(),
                    slice.p99Millis());
        }
    }

    static TrafficView of(Traffic traffic) {
        long seconds = traffic.slice().toSeconds();
        long window = seconds * traffic.slices().size();
        return new TrafficView(
                traffic.from(),
                seconds,
                traffic.slices().stream().map(s -> SliceView.of(s, seconds)).toList(),
                SliceView.of(traffic.whole(), window),
                traffic.startKinds());
    }
}
