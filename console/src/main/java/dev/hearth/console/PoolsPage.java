package dev.hearth.console;

import static dev.hearth.console.Html.text;

import dev.hearth.console.Dashboard.PoolRow;
import java.util.List;

/** The warming pools with a form per runtime to set its target and maximum per host (admins). */
final class PoolsPage {

    private PoolsPage() {}

    static String render(Viewer viewer, List<PoolRow> pools) {
        StringBuilder body = new StringBuilder();
        table(body, viewer, pools);
        return Layout.page(viewer, "pools", "Warming pools", body.toString());
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
