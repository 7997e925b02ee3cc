package dev.hearth.domain.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hearth.domain.metering.Traffic.Slice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficTest {

    private static final Instant TEN = Instant.parse("2026-12-04T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static TimedInvocation run(String at, String status, String kind, long ms) {
        return new TimedInvocation(Instant.parse(at), status, kind, ms);
    }

    @Test
    void countsEachSliceAndTheWholeWindow() {
        Traffic traffic = Traffic.of(
                List.of(
                        run("2026-12-04T09:57:00Z", "success", "cold", 900),
                        run("2026-12-04T09:57:59.999Z", "error", "warm", 30),
                        run("2026-12-04T09:59:10Z", "success", "warm", 10),
                        run("2026-12-04T09:59:20Z", "timed_out", "warm", 60000)),
                TEN,
                MINUTE,
                3);

        Instant from = Instant.parse("2026-12-04T09:57:00Z");
        assertEquals(from, traffic.from());
        assertEquals(
                List.of(
                        new Slice(from, 2, 1, 30, 900),
                        new Slice(from.plus(MINUTE), 0, 0, 0, 0),
                        new Slice(from.plus(MINUTE.multipliedBy(2)), 2, 1, 10, 60000)),
                traffic.slices());
        assertEquals(new Slice(from, 4, 2, 30, 60000), traffic.whole());
        assertEquals(0.5, traffic.whole().errorRate());
        assertEquals(List.of("cold", "warm"), List.copyOf(traffic.startKinds().keySet()), "by name");
        assertEquals(Map.of("cold", 1L, "warm", 3L), traffic.startKinds());
    }

    @Test
    void leavesOutWhatStartedBeforeOrAfterTheWindow() {
        Traffic traffic = Traffic.of(
                List.of(
                        run("2026-12-04T08:59:59.999Z", "success", "warm", 1),
                        run("2026-12-04T10:00:00Z", "success", "warm", 1),
                        run("2026-12-04T09:00:00Z", "success", "warm", 7)),
                TEN,
                MINUTE,
                60);

        assertEquals(60, traffic.slices().size());
        assertEquals(1, traffic.whole().invocations());
        assertEquals(1, traffic.slices().get(0).invocations(), "the first minute starts the window");
    }

    @Test
    void percentilesAreNearestRank() {
        List<TimedInvocation> hundred = new ArrayList<>();
        for (int ms = 100; ms >= 1; ms--) {
            hundred.add(run("2026-12-04T09:59:00Z", "success", "warm", ms));
        }
        Slice whole = Traffic.of(hundred, TEN, MINUTE, 1).whole();

        assertEquals(50, whole.p50Millis());
        assertEquals(99, whole.p99Millis());
        assertEquals(0.0, whole.errorRate());
    }

    @Test
    void noInvocationsNoRateNorLatency() {
        Traffic traffic = Traffic.of(List.of(), TEN, MINUTE, 2);

        assertEquals(new Slice(TEN.minus(MINUTE.multipliedBy(2)), 0, 0, 0, 0), traffic.whole());
        assertEquals(0.0, traffic.whole().errorRate());
        assertEquals(Map.of(), traffic.startKinds());
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThrows(IllegalArgumentException.class, () -> Traffic.of(List.of(), TEN, MINUTE, 0));
        assertThrows(IllegalArgumentException.class, () -> Traffic.of(List.of(), TEN, Duration.ZERO, 1));
    }
}
