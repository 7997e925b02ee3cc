package dev.hearth.console;

import static dev.hearth.console.Html.text;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Charts drawn here as inline SVG, no script needed to see them (docs/adr/0035): lines over time
 * and rows of stacked bars. Each is a figure named by its caption, whose SVG has a text alternative;
 * series are told apart by the classes {@code s0}, {@code s1}, ... of the page's stylesheet.
 */
final class Charts {

    private static final int WIDTH = 400;
    private static final int HEIGHT = 150;
    private static final int LEFT = 44;
    private static final int RIGHT = WIDTH - 8;
    private static final int TOP = 10;
    private static final int BOTTOM = 128;
    private static final int ROW = 22;
    private static final int LABEL = 110;

    private Charts() {}

    /** A series: its name (text) and one value per point in time, oldest first. */
    record Series(String name, double[] values) {}

    /** A bar of stacked parts, named {@code label} (text); {@code mark} is drawn as a tick, or -1. */
    record Bar(String label, double[] parts, double mark) {}

    /**
     * Lines over time from {@code span} ago to now: {@code id} and {@code data} (attributes, HTML)
     * go on the figure, {@code summary} (text) is what the chart says to a screen reader.
     */
    static String lines(String id, String data, String caption, String summary, List<Series> series, String span) {
        double max = nice(series.stream()
                .flatMapToDouble(s -> Arrays.stream(s.values()))
                .max()
                .orElse(0));
        StringBuilder svg = new StringBuilder();
        axis(svg, max);
        svg.append(label(LEFT, HEIGHT - 4, "start", text(span) + " ago"))
                .append(label(RIGHT, HEIGHT - 4, "end", "now"));
        for (int i = 0; i < series.size(); i++) {
            double[] values = series.get(i).values();
            StringBuilder points = new StringBuilder();
            for (int x = 0; x < values.length; x++) {
                double px = LEFT + (values.length == 1 ? 0 : (double) (RIGHT - LEFT) * x / (values.length - 1));
                double py = BOTTOM - (BOTTOM - TOP) * values[x] / max;
                points.append(number(px)).append(',').append(number(py)).append(' ');
            }
            svg.append("<polyline class=\"s")
                    .append(i)
                    .append("\" fill=\"none\" stroke-width=\"2\" points=\"")
                    .append(points.toString().strip())
                    .append("\"/>");
        }
        return figure(
                id, data, caption, legend(series.stream().map(Series::name).toList()), summary, HEIGHT, svg);
    }

    /**
     * One row per bar, its parts stacked left to right ({@code parts} names them, text), on a
     * common scale; each row ends with its parts' figures.
     */
    static String bars(String id, String data, String caption, String summary, List<String> parts, List<Bar> bars) {
        double max = nice(bars.stream()
                .mapToDouble(
                        bar -> Math.max(bar.mark(), Arrays.stream(bar.parts()).sum()))
                .max()
                .orElse(0));
        int height = Math.max(1, bars.size()) * ROW + 4;
        StringBuilder svg = new StringBuilder();
        double scale = (RIGHT - LABEL - 60) / max;
        for (int row = 0; row < bars.size(); row++) {
            Bar bar = bars.get(row);
            int y = 4 + row * ROW;
            svg.append(label(LABEL - 6, y + 14, "end", text(bar.label())));
            double x = LABEL;
            StringBuilder figures = new StringBuilder();
            for (int part = 0; part < bar.parts().length; part++) {
                double w = bar.parts()[part] * scale;
                svg.append("<rect class=\"s")
                        .append(part)
                        .append("\" x=\"")
                        .append(number(x))
                        .append("\" y=\"")
                        .append(y + 2)
                        .append("\" width=\"")
                        .append(number(w))
                        .append("\" height=\"")
                        .append(ROW - 6)
                        .append("\"/>");
                x += w;
                figures.append(part == 0 ? "" : " / ").append(number(bar.parts()[part]));
            }
            if (bar.mark() >= 0) {
                double mx = LABEL + bar.mark() * scale;
                svg.append("<line class=\"mark\" x1=\"")
                        .append(number(mx))
                        .append("\" x2=\"")
                        .append(number(mx))
                        .append("\" y1=\"")
                        .append(y)
                        .append("\" y2=\"")
                        .append(y + ROW - 2)
                        .append("\"/>");
            }
            svg.append(label(x + 6, y + 14, "start", figures.toString()));
        }
        return figure(id, data, caption, legend(parts), summary, height, svg);
    }

    private static void axis(StringBuilder svg, double max) {
        svg.append("<line class=\"axis\" x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(RIGHT)
                .append("\" y1=\"")
                .append(BOTTOM)
                .append("\" y2=\"")
                .append(BOTTOM)
                .append("\"/>")
                .append("<line class=\"grid\" x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(RIGHT)
                .append("\" y1=\"")
                .append(TOP)
                .append("\" y2=\"")
                .append(TOP)
                .append("\"/>")
                .append(label(LEFT - 4, TOP + 4, "end", number(max)))
                .append(label(LEFT - 4, BOTTOM + 4, "end", "0"));
    }

    private static String figure(
            String id, String data, String caption, String legend, String summary, int height, CharSequence svg) {
        return "<figure id=\"" + text(id) + "\" " + data + "><figcaption>" + text(caption) + legend
                + "</figcaption><svg viewBox=\"0 0 " + WIDTH + " " + height + "\" role=\"img\" aria-label=\""
                + text(summary) + "\">" + svg + "</svg></figure>\n";
    }

    private static String legend(List<String> names) {
        if (names.size() < 2) {
            return "";
        }
        StringBuilder legend = new StringBuilder(" <span class=\"legend\">");
        for (int i = 0; i < names.size(); i++) {
            legend.append("<span class=\"key k")
                    .append(i)
                    .append("\"></span>")
                    .append(text(names.get(i)))
                    .append(' ');
        }
        return legend.toString().strip() + "</span>";
    }

    /** {@code html} at (x, y), anchored at its start, middle or end. */
    private static String label(double x, double y, String anchor, String html) {
        return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"" + anchor + "\">" + html
                + "</text>";
    }

    /** The axis' top: 1, 2 or 5 times a power of ten, at least {@code max} (1 for nothing). */
    static double nice(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** A figure as short as it can be said: whole numbers without a point, others to two places. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
