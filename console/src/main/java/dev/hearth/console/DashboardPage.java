package dev.hearth.console;

import static dev.hearth.console.Html.text;

import dev.hearth.console.Dashboard.FunctionRow;
import dev.hearth.scheduler.application.ActivationView;

/**
 * Renders a {@link Dashboard} as HTML; every value is escaped (names and logs are user input). The
 * charts come first, redrawn every few seconds by {@code overview.js}.
 */
final class DashboardPage {

    /** The last characters of an activation's log tail that the page shows. */
    static final int LOG_CHARS = 400;

    private DashboardPage() {}

    static String render(Dashboard dashboard) {
        Viewer viewer = dashboard.viewer();
        StringBuilder body = new StringBuilder("<section id=\"charts\" aria-label=\"the last hour\">\n")
                .append(OverviewCharts.render(dashboard.traffic(), dashboard.occupancy(), dashboard.pools()))
                .append("</section>\n<script src=\"overview.js\" defer></script>\n");
        if (viewer.admin()) {
            body.append("<h2>Warming pools</h2>\n");
            PoolsPage.table(body, viewer, dashboard.pools());
            body.append("<h2>Hosts</h2>\n");
            HostsPage.table(body, viewer, dashboard.hosts());
        }
        functions(body, dashboard);
        return Layout.page(viewer, "./", "Overview", body.toString());
    }

    private static void functions(StringBuilder body, Dashboard dashboard) {
        body.append("<h2>")
                .append(dashboard.viewer().admin() ? "All functions" : "Your functions")
                .append("</h2>\n");
        if (dashboard.functions().isEmpty()) {
            body.append("<p>No functions yet.</p>\n");
            return;
        }
        body.append(Html.scrolling("functions", "functions") + "<tr><th>function</th><th>owner</th><th>runtime</th>")
                .append("<th>updated</th><th>latest activations</th></tr>\n");
        for (FunctionRow row : dashboard.functions()) {
            body.append("<tr><td>")
                    .append(Html.anchor(
                            Html.link("function", "name", row.function().name()),
                            row.function().name()))
                    .append("</td><td>")
                    .append(text(row.function().owner()))
                    .append("</td><td>")
                    .append(text(row.function().runtime()))
                    .append("</td><td>")
                    .append(Html.time(row.function().updatedAt()))
                    .append("</td><td>");
            activations(body, row);
            body.append("</td></tr>\n");
        }
        body.append("</table></div>\n");
    }

    private static void activations(StringBuilder body, FunctionRow row) {
        if (row.latest().isEmpty()) {
            body.append("none");
            return;
        }
        body.append("<ul>");
        for (ActivationView activation : row.latest()) {
            body.append("<li><a href=\"")
                    .append(Html.link("activation", "id", activation.id()))
                    .append("\">")
                    .append(Html.time(activation.startedAt()))
                    .append("</a> ")
                    .append(text(activation.status()))
                    .append(", ")
                    .append(text(activation.startKind()))
                    .append(", ")
                    .append(activation.durationMillis())
                    .append(" ms");
            String log = activation.logTail();
            if (log != null && !log.isEmpty()) {
                body.append("<pre>")
                        .append(text(log.length() > LOG_CHARS ? "…" + log.substring(log.length() - LOG_CHARS) : log))
                        .append("</pre>");
            }
            body.append("</li>");
        }
        body.append("</ul>");
    }
}
