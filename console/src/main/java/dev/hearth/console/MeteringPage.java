package dev.hearth.console;

import static dev.hearth.console.Html.text;

import dev.hearth.scheduler.application.ArchiveSummary;
import dev.hearth.scheduler.application.MeteringJob;
import dev.hearth.scheduler.application.UsageView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Metering for admins: the retention with its form, a run-now form per metering job, the archives
 * with a download link each, and the usage per hour, user and function.
 */
final class MeteringPage {

    private MeteringPage() {}

    static String render(
            Viewer viewer,
            int retentionDays,
            List<ArchiveSummary> archives,
            List<UsageView> usage,
            Optional<String> started) {
        StringBuilder body = new StringBuilder();
        started.ifPresent(message -> body.append("<p class=\"notice\" role=\"status\">")
                .append(text(message))
                .append("</p>\n"));
        body.append("<h2>Retention</h2>\n<p>Activation records older than the retention are archived, one archive")
                .append(" a day, by the daily retention job.</p>\n")
                .append(Html.form(
                        "metering",
                        viewer.csrfToken(),
                        Html.hidden("action", "retention")
                                + "<label>Retention (days, 0 to 3650)<input type=\"number\" min=\"0\" max=\"3650\""
                                + " name=\"retentionDays\" value=\"" + retentionDays + "\" required></label>"
                                + "<button type=\"submit\">Save</button>"))
                .append("\n<h2>Jobs</h2>\n<p>")
                .append(run(viewer, MeteringJob.ACTIVATION_RETENTION, "Run retention now"))
                .append(' ')
                .append(run(viewer, MeteringJob.USAGE_ROLLUP, "Run usage rollup now"))
                .append("</p>\n<h2>Archives</h2>\n");
        archives(body, archives);
        body.append("<h2>Usage of the last 24 hours</h2>\n");
        usage(body, usage);
        return Layout.page(viewer, "metering", "Metering", body.toString());
    }

    private static String run(Viewer viewer, MeteringJob job, String label) {
        return Html.form(
                "metering",
                viewer.csrfToken(),
                Html.hidden("action", "run") + Html.hidden("job", job.id()) + "<button type=\"submit\">" + text(label)
                        + "</button>");
    }

    private static void archives(StringBuilder body, List<ArchiveSummary> archives) {
        if (archives.isEmpty()) {
            body.append("<p>No archives yet.</p>\n");
            return;
        }
        body.append(Html.scrolling("archives", "activation archives"))
                .append("<tr><th>day</th><th>records</th><th>size</th><th>archived</th></tr>\n");
        for (ArchiveSummary archive : archives) {
            body.append("<tr><td><a href=\"")
                    .append(Html.link("archive", "day", archive.day().toString()))
                    .append("\" download>")
                    .append(text(archive.day()))
                    .append("</a></td><td>")
                    .append(archive.records())
                    .append("</td><td>")
                    .append(FunctionPage.size(archive.sizeBytes()))
                    .append("</td><td>")
                    .append(utc(archive.archivedAt()))
                    .append("</td></tr>\n");
        }
        body.append("</table></div>\n");
    }

    private static void usage(StringBuilder body, List<UsageView> usage) {
        if (usage.isEmpty()) {
            body.append("<p>No invocations in these hours.</p>\n");
            return;
        }
        body.append(Html.scrolling("usage", "usage per hour"))
                .append("<tr><th>hour (UTC)</th><th>user</th><th>function</th><th>invocations</th><th>errors</th>")
                .append("<th>GB-seconds</th></tr>\n");
        for (UsageView hour : usage) {
            body.append("<tr><td>")
                    .append(utc(hour.hour()))
                    .append("</td><td>")
                    .append(text(hour.user()))
                    .append("</td><td>")
                    .append(Html.anchor(Html.link("function", "name", hour.function()), hour.function()))
                    .append("</td><td>")
                    .append(hour.invocations())
                    .append("</td><td>")
                    .append(hour.errors())
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3f", hour.gbSeconds()))
                    .append("</td></tr>\n");
        }
        body.append("</table></div>\n");
    }

    private static String utc(Instant at) {
        return at == null ? "" : Html.time(at.atOffset(ZoneOffset.UTC));
    }
}
