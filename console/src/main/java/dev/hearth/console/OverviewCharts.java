package dev.hearth.console;

import static dev.hearth.console.Charts.number;

import dev.hearth.console.Charts.Bar;
import dev.hearth.console.Charts.Series;
import dev.hearth.console.Dashboard.PoolRow;
import dev.hearth.scheduler.application.OccupancyView;
import dev.hearth.scheduler.application.OccupancyView.Level;
import dev.hearth.scheduler.application.TrafficView;
import dev.hearth.scheduler.application.TrafficView.SliceView;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The overview's charts of the last hour: invocations per second, error rate, p50 and p99 latency,
 * start kinds, and (admins) the instances over the hour and each warming pool's occupancy now. The
 * overview shows them and its script ({@code overview.js}) fetches them anew from {@code
 * /console/charts} every few seconds. The figure of invocations carries the hour's count in {@code
 * data-invocations}, that of instances the most in a minute in {@code data-peak}.
 */
final class OverviewCharts {

    private OverviewCharts() {}

    /** The charts, an HTML fragment; {@code occupancy} and {@code pools} are empty for a developer. */
    static String render(TrafficView traffic, Optional<OccupancyView> occupancy, List<PoolRow> pools) {
        SliceView hour = traffic.whole();
        StringBuilder html = new StringBuilder("<p id=\"traffic-summary\">In the last hour: ")
                .append(hour.invocations())
                .append(hour.invocations() == 1 ? " invocation" : " invocations")
                .append(", ")
                .append(hour.errors())
                .append(" failed (")
                .append(number(100 * hour.errorRate()))
                .append(" %), p50 ")
                .append(hour.p50Millis())
                .append(" ms, p99 ")
                .append(hour.p99Millis())
                .append(" ms.</p>\n<div class=\"charts\">\n");
        String span = traffic.slices().size() * traffic.sliceSeconds() / 60 + " min";
        html.append(Charts.lines(
                        "chart-invocations",
                        "data-invocations=\"" + hour.invocations() + "\"",
                        "Invocations per second",
                        hour.invocations() + " invocations in the last hour, at most "
                                + number(peak(traffic, SliceView::perSecond)) + " per second in a minute",
                        List.of(series("invocations/s", traffic, SliceView::perSecond)),
                        span))
                .append(Charts.lines(
                        "chart-errors",
                        "data-errors=\"" + hour.errors() + "\"",
                        "Error rate (%)",
                        number(100 * hour.errorRate()) + " % of the last hour's invocations failed, at most "
                                + number(100 * peak(traffic, SliceView::errorRate)) + " % in a minute",
                        List.of(series("errors %", traffic, slice -> 100 * slice.errorRate())),
                        span))
                .append(Charts.lines(
                        "chart-latency",
                        "data-p99=\"" + hour.p99Millis() + "\"",
                        "Latency (ms)",
                        "Over the last hour half the invocations took at most " + hour.p50Millis()
                                + " ms and 99 % at most " + hour.p99Millis() + " ms",
                        List.of(
                                series("p50", traffic, slice -> slice.p50Millis()),
                                series("p99", traffic, slice -> slice.p99Millis())),
                        span))
                .append(startKinds(traffic));
        occupancy.ifPresent(instances -> html.append(instances(instances, span)));
        if (!pools.isEmpty()) {
            html.append(occupancy(pools));
        }
        return html.append("</div>\n").toString();
    }

    private static String startKinds(TrafficView traffic) {
        List<Bar> bars = traffic.startKinds().entrySet().stream()
                .map(kind -> new Bar(kind.getKey(), new double[] {kind.getValue()}, -1))
                .toList();
        StringBuilder summary = new StringBuilder("How the last hour's invocations started:");
        traffic.startKinds().forEach((kind, count) -> summary.append(' ')
                .append(kind)
                .append(' ')
                .append(count)
                .append(','));
        return Charts.bars(
                "chart-start-kinds",
                "",
                "Start kinds",
                bars.isEmpty() ? "No invocations in the last hour" : summary.substring(0, summary.length() - 1),
                List.of("invocations"),
                bars);
    }

    private static String instances(OccupancyView occupancy, String span) {
        List<Level> levels = occupancy.slices();
        double peak = levels.stream()
                .mapToDouble(l -> l.booting() + l.warming() + l.idle() + l.busy())
                .max()
                .orElse(0);
        return Charts.lines(
                "chart-instances",
                "data-peak=\"" + number(Math.ceil(peak)) + "\"",
                "Instances (average per minute)",
                "Instances over the last hour, on average: " + number(average(levels, Level::busy)) + " in use, "
                        + number(average(levels, Level::idle)) + " idle, " + number(average(levels, Level::warming))
                        + " warm in the pools, " + number(average(levels, Level::booting)) + " booting; at most "
                        + number(peak) + " in all in a minute",
                List.of(
                        new Series("in use", values(levels, Level::busy)),
                        new Series("idle", values(levels, Level::idle)),
                        new Series("warm", values(levels, Level::warming)),
                        new Series("booting", values(levels, Level::booting))),
                span);
    }

    private static double[] values(List<Level> levels, ToDoubleFunction<Level> value) {
        return levels.stream().mapToDouble(value).toArray();
    }

    private static double average(List<Level> levels, ToDoubleFunction<Level> value) {
        return levels.stream().mapToDouble(value).average().orElse(0);
    }

    private static String occupancy(List<PoolRow> pools) {
        StringBuilder summary = new StringBuilder("Instances per runtime now:");
        for (PoolRow pool : pools) {
            summary.append(' ')
                    .append(pool.runtime())
                    .append(' ')
                    .append(pool.active())
                    .append(" in use, ")
                    .append(pool.warm())
                    .append(" warm, ")
                    .append(pool.booting())
                    .append(" booting, target ")
                    .append(pool.warmingTarget())
                    .append(';');
        }
        return Charts.bars(
                "chart-pools",
                "",
                "Pool occupancy now (tick: warming target)",
                summary.substring(0, summary.length() - 1),
                List.of("in use", "warm", "booting"),
                pools.stream()
                        .map(pool -> new Bar(
                                pool.runtime(),
                                new double[] {pool.active(), pool.warm(), pool.booting()},
                                pool.warmingTarget()))
                        .toList());
    }

    private static Series series(String name, TrafficView traffic, ToDoubleFunction<SliceView> value) {
        return new Series(name, traffic.slices().stream().mapToDouble(value).toArray());
    }

    private static double peak(TrafficView traffic, ToDoubleFunction<SliceView> value) {
        return traffic.slices().stream().mapToDouble(value).max().orElse(0);
    }
}
