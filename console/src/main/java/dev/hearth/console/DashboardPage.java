package dev.hearth.console;

import static dev.hearth.console.Html.text;

import dev.hearth.console.Dashboard.FunctionRow;
import dev.hearth.console.Dashboard.PoolRow;
import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.PoolAdminService.HostView;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Renders a {@link Dashboard} as HTML; every value is escaped (names and logs are user input). */
final class DashboardPage {

    /** The last characters of an activation's log tail that the page shows. */
    static final int LOG_CHARS = 400;

    private DashboardPage() {}

    static String render(Dashboard dashboard) {
        StringBuilder body = new StringBuilder();
        body.append("<header><h1>Hearth console</h1><p>Signed in as <strong>")
                .append(text(dashboard.user()))
                .append("</strong> ")
                .append(form("sign-out", dashboard.csrfToken(), "<button type=\"submit\">Sign out</button>"))
                .append("</p></header>\n");
        if (dashboard.admin()) {
            pools(body, dashboard);
            hosts(body, dashboard);
        }
        functions(body, dashboard);
        return Html.document("Hearth console", body.toString());
    }

    private static void pools(StringBuilder body, Dashboard dashboard) {
        body.append("<h2>Warming pools</h2>\n");
        if (dashboard.pools().isEmpty()) {
            body.append("<p>No runtimes.</p>\n");
            return;
        }
        body.append("<table id=\"pools\"><tr><th>runtime</th><th>target</th><th>max per host</th><th>warm</th>")
                .append("<th>booting</th><th>active</th><th>set target</th></tr>\n");
        for (PoolRow pool : dashboard.pools()) {
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
                    .append(form(
                            "pools",
                            dashboard.csrfToken(),
                            "<input type=\"hidden\" name=\"runtime\" value=\"" + text(pool.runtime()) + "\">"
                                    + "<input type=\"number\" min=\"0\" name=\"warmingTarget\" value=\""
                                    + pool.warmingTarget() + "\" aria-label=\"target\">"
                                    + "<input type=\"number\" min=\"0\" name=\"maxPerHost\" value=\""
                                    + pool.maxPerHost() + "\" aria-label=\"max per host\">"
                                    + "<button type=\"submit\">Set</button>"))
                    .append("</td></tr>\n");
        }
        body.append("</table>\n");
    }

    private static void hosts(StringBuilder body, Dashboard dashboard) {
        body.append("<h2>Hosts</h2>\n<table id=\"hosts\"><tr><th>host</th><th>state</th><th>instances</th>")
                .append("<th>capacity</th><th>runtimes</th></tr>\n");
        for (HostView host : dashboard.hosts()) {
            String state = !host.healthy() ? "unreachable" : host.draining() ? "draining" : "healthy";
            body.append("<tr><td>")
                    .append(text(host.hostId()))
                    .append("</td><td>")
                    .append(state)
                    .append("</td><td>")
                    .append(host.instances())
                    .append("</td><td>")
                    .append(host.instanceCapacity())
                    .append("</td><td>")
                    .append(text(String.join(", ", host.runtimes())))
                    .append("</td></tr>\n");
        }
        body.append("</table>\n");
    }

    private static void functions(StringBuilder body, Dashboard dashboard) {
        body.append("<h2>")
                .append(dashboard.admin() ? "All functions" : "Your functions")
                .append("</h2>\n");
        if (dashboard.functions().isEmpty()) {
            body.append("<p>No functions yet.</p>\n");
            return;
        }
        body.append("<table id=\"functions\"><tr><th>function</th><th>owner</th><th>runtime</th><th>updated</th>")
                .append("<th>latest activations</th></tr>\n");
        for (FunctionRow row : dashboard.functions()) {
            body.append("<tr><td>")
                    .append(text(row.function().name()))
                    .append("</td><td>")
                    .append(text(row.function().owner()))
                    .append("</td><td>")
                    .append(text(row.function().runtime()))
                    .append("</td><td>")
                    .append(time(row.function().updatedAt()))
                    .append("</td><td>");
            activations(body, row);
            body.append("</td></tr>\n");
        }
        body.append("</table>\n");
    }

    private static void activations(StringBuilder body, FunctionRow row) {
        if (row.latest().isEmpty()) {
            body.append("none");
            return;
        }
        body.append("<ul>");
        for (ActivationView activation : row.latest()) {
            body.append("<li>")
                    .append(time(activation.startedAt()))
                    .append(" ")
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

    /** A POST form to {@code action} (relative to the console) carrying the session's CSRF token. */
    private static String form(String action, String csrfToken, String fields) {
        return "<form class=\"inline\" method=\"post\" action=\"" + text(action) + "\">"
                + "<input type=\"hidden\" name=\"" + CsrfToken.PARAMETER + "\" value=\"" + text(csrfToken) + "\">"
                + fields + "</form>";
    }

    private static String time(OffsetDateTime at) {
        return at == null ? "" : text(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.withNano(0)));
    }
}
