package dev.hearth.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.console.Dashboard.PoolRow;
import dev.hearth.scheduler.application.OccupancyView;
import dev.hearth.scheduler.application.OccupancyView.Level;
import dev.hearth.scheduler.application.TrafficView;
import dev.hearth.scheduler.application.TrafficView.SliceView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The overview's charts as a reader (or a screen reader) takes them in. */
class OverviewChartsTest {

    private static final Instant FROM = Instant.parse("2026-12-04T09:00:00Z");

    /** An hour of minutes, the last ones {@code last}, the whole hour summing them up; start kinds by name. */
    static TrafficView traffic(Map<String, Long> startKinds, SliceView... last) {
        List<SliceView> slices = new ArrayList<>();
        for (int minute = 0; minute < 60 - last.length; minute++) {
            slices.add(new SliceView(FROM.plusSeconds(60L * minute), 0, 0, 0, 0, 0, 0));
        }
        slices.addAll(List.of(last));
        long invocations = slices.stream().mapToLong(SliceView::invocations).sum();
        long errors = slices.stream().mapToLong(SliceView::errors).sum();
        long p50 = slices.stream().mapToLong(SliceView::p50Millis).max().orElse(0);
        long p99 = slices.stream().mapToLong(SliceView::p99Millis).max().orElse(0);
        return new TrafficView(
                FROM,
                60,
                slices,
                new SliceView(
                        FROM,
                        invocations,
                        invocations / 3600.0,
                        errors,
                        invocations == 0 ? 0 : (double) errors / invocations,
                        p50,
                        p99),
                new TreeMap<>(startKinds));
    }

    private static SliceView minute(int minute, long invocations, long errors, long p50, long p99) {
        return new SliceView(
                FROM.plusSeconds(60L * minute),
                invocations,
                invocations / 60.0,
                errors,
                (double) errors / invocations,
                p50,
                p99);
    }

    @Test
    void saysTheHoursFiguresAndDrawsEachMinute() {
        String html = OverviewCharts.render(
                traffic(Map.of("cold", 1L, "warm", 119L), minute(58, 90, 0, 10, 40), minute(59, 30, 3, 12, 900)),
                Optional.empty(),
                List.of());

        assertTrue(html.contains("In the last hour: 120 invocations, 3 failed (2.50 %), p50 12 ms, p99 900 ms."), html);
        assertTrue(html.contains("<figure id=\"chart-invocations\" data-invocations=\"120\">"), html);
        assertTrue(
                html.contains("aria-label=\"120 invocations in the last hour, at most 1.50 per second in a minute\""),
                html);
        assertTrue(
                html.contains(
                        "aria-label=\"2.50 % of the last hour&#39;s invocations failed, at most 10 % in a minute\""),
                html);
        assertTrue(html.contains("aria-label=\"How the last hour&#39;s invocations started: cold 1, warm 119\""), html);
        assertEquals(4, count(html, "<polyline"), "invocations, errors, p50 and p99");
        assertTrue(html.contains("points=\"44,128 "), "the first minute at zero: " + html);
        assertTrue(
                html.contains(" 392,10\"/>"), "1000 ms tops the latency axis, the last p99 of 900 is near it: " + html);
        assertFalse(html.contains("chart-pools"), "no pools for a developer");
        assertFalse(html.contains("chart-instances"), "no instances for a developer");
    }

    @Test
    void anAdminSeesEachPoolsOccupancyAgainstItsTarget() {
        String html = OverviewCharts.render(
                traffic(Map.of()),
                Optional.of(occupancy()),
                List.of(new PoolRow("python3", 2, 4, 1, 1, 3), new PoolRow("<b>", 0, 4, 0, 0, 0)));

        assertTrue(html.contains("In the last hour: 0 invocations, 0 failed (0 %), p50 0 ms, p99 0 ms."), html);
        assertTrue(html.contains("aria-label=\"No invocations in the last hour\""), html);
        assertTrue(html.contains("<figure id=\"chart-pools\" >"), html);
        assertTrue(
                html.contains("aria-label=\"Instances per runtime now: python3 3 in use, 1 warm, 1 booting, target 2;"
                        + " &lt;b&gt; 0 in use, 0 warm, 0 booting, target 0\""),
                html);
        assertTrue(html.contains(">3 / 1 / 1</text>"), html);
        assertTrue(html.contains("<line class=\"mark\""), "the target as a tick");
        assertFalse(html.contains("<b>"), "names are escaped");
    }

    @Test
    void anAdminSeesTheInstancesOverTheHour() {
        String html = OverviewCharts.render(traffic(Map.of()), Optional.of(occupancy()), List.of());

        assertTrue(
                html.contains("<figure id=\"chart-instances\" data-peak=\"7\">"), "6.4 at most, rounded up: " + html);
        assertTrue(
                html.contains("aria-label=\"Instances over the last hour, on average: 0.06 in use, 0.05 idle, 0.05 warm"
                        + " in the pools, 0.01 booting; at most 6.40 in all in a minute\""),
                html);
        assertTrue(html.contains("<span class=\"key k3\"></span>booting"), "four series, each in the legend: " + html);
        assertEquals(4, count(html.substring(html.indexOf("chart-instances")), "<polyline"), html);
    }

    /** An hour of minutes without instances but the last two: 0.6 booting, 2 warm, 1 busy; then 1 warm, 3 idle, 2.4 busy. */
    private static OccupancyView occupancy() {
        List<Level> levels = new ArrayList<>();
        for (int minute = 0; minute < 58; minute++) {
            levels.add(new Level(FROM.plusSeconds(60L * minute), 0, 0, 0, 0));
        }
        levels.add(new Level(FROM.plusSeconds(60L * 58), 0.6, 2, 0, 1));
        levels.add(new Level(FROM.plusSeconds(60L * 59), 0, 1, 3, 2.4));
        return new OccupancyView(FROM, 60, levels);
    }

    @Test
    void axesEndAtARoundFigure() {
        assertEquals(1, Charts.nice(0));
        assertEquals(1, Charts.nice(0.7), 1e-12);
        assertEquals(2, Charts.nice(1.5));
        assertEquals(50, Charts.nice(40));
        assertEquals(1000, Charts.nice(900));
        assertEquals(1000, Charts.nice(1000));
        assertEquals("1.50", Charts.number(1.5));
        assertEquals("12", Charts.number(12.0));
    }

    private static int count(String text, String part) {
        return text.split(part, -1).length - 1;
    }
}
