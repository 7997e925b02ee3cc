package dev.hearth.console;

import static dev.hearth.console.Html.text;

import dev.hearth.console.Dashboard.PoolRow;
import dev.hearth.scheduler.application.PoolStartsView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The warming pools with a form per runtime to set its target and maximum per host, and how each
 * runtime's invocations of the last hour found their instance: the pool's hit rate (admins).
 */
final class PoolsPage {

    private PoolsPage() {}

    static String render(Viewer viewer, List<PoolRow> pools, List<PoolStartsView> starts) {
        StringBuilder body = new StringBuilder();
        table(body, viewer, pools);
        body.append("<h2>Starts in the last hour</h2>\n<p>How each runtime's invocations found their instance. The")
                .append(" hit rate is the warming pool's share of the starts that needed a new instance (from the")
                .append(" pool or cold); warm is the share that found their owner's instance as it was.</p>\n");
        hits(body, pools, starts);
        return Layout.page(viewer, "pools", "Warming pools", body.toString());
    }

    private static void hits(StringBuilder body, List<PoolRow> pools, List<PoolStartsView> starts) {
        Map<String, PoolStartsView> byRuntime =
                starts.stream().collect(Collectors.toMap(PoolStartsView::runtime, Function.identity()));
        body.append(Html.scrolling("pool-hits", "starts per runtime in the last hour"))
                .append("<tr><th>runtime</th><th>invocations</th><th>warm</th><th>reloaded</th>")
                .append("<th>warming pool</th><th>cold</th><th>pool hit rate</th><th>warm share</th></tr>\n");
        for (PoolRow pool : pools) {
            Optional<PoolStartsView> runtime = Optional.ofNullable(byRuntime.get(pool.runtime()));
            body.append("<tr><td>").append(text(pool.runtime())).append("</td>");
            for (ToLongFunction<PoolStartsView> count : List.<ToLongFunction<PoolStartsView>>of(
                    PoolStartsView::invocations,
                    PoolStartsView::warm,
                    PoolStartsView::reloaded,
                    PoolStartsView::warmingPool,
                    PoolStartsView::cold)) {
                body.append("<td>")
                        .append(runtime.map(count::applyAsLong).orElse(0L))
                        .append("</td>");
            }
            body.append("<td>")
                    .append(percent(runtime.map(PoolStartsView::poolHitRate).orElse(OptionalDouble.empty())))
                    .append("</td><td>")
                    .append(percent(runtime.map(PoolStartsView::warmShare).orElse(OptionalDouble.empty())))
                    .append("</td></tr>\n");
        }
        body.append("</table></div>\n");
    }

    /** A share as a percentage, or a dash when there was nothing to share. */
    private static String percent(OptionalDouble share) {
        return share.isPresent() ? Charts.number(100 * share.getAsDouble()) + " %" : "–";
    }

    /** The pools' table, also on the overview. */
    static void table(StringBuilder body, Viewer viewer, List<PoolRow> pools) {
        if (pools.isEmpty()) {
            body.append("<p>No runtimes.</p>\n");
            return;
        }
        body.append(Html.scrolling("pools", "warming pools")
                        + "<tr><th>runtime</th><th>target</th><th>max per host</th>")
                .append("<th>warm</th><th>booting</th><th>active</th><th>set target</th></tr>\n");
        for (PoolRow pool : pools) {
            body.append("<tr><td>")
                    .append(text(pool.runtime()))
                    .append("</td><td>")
                    .append(pool.warmingTarget())
                    .append("</td><td>")
                    .append(pool.maxPerHost())
                    .append("</td><td>")
                    .append(pool.warm())
                    .append("</td><td>")
                    .append(pool.booting())
                    .append("</td><td>")
                    .append(pool.active())
                    .append("</td><td>")
                    .append(Html.form(
                            "pools",
                            viewer.csrfToken(),
                            Html.hidden("runtime", pool.runtime())
                                    + "<input type=\"number\" min=\"0\" name=\"warmingTarget\" value=\""
                                    + pool.warmingTarget() + "\" aria-label=\"target of " + text(pool.runtime()) + "\">"
                                    + "<input type=\"number\" min=\"0\" name=\"maxPerHost\" value=\""
                                    + pool.maxPerHost() + "\" aria-label=\"max per host of " + text(pool.runtime())
                                    + "\"><button type=\"submit\">Set</button>"))
                    .append("</td></tr>\n");
        }
        body.append("</table></div>\n");
    }
}
