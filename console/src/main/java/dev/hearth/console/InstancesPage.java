package dev.hearth.console;

import static dev.hearth.console.Html.text;

import dev.hearth.scheduler.application.PoolAdminService.InstanceSummary;
import java.time.Instant;
import java.util.List;

/**
 * Every instance the pool knows: where, what, whose, running which function, in which state and
 * for how long, with a destroy form (admins).
 */
final class InstancesPage {

    private InstancesPage() {}

    /** The instances as they are at {@code now} (their age is counted to it). */
    static String render(Viewer viewer, List<InstanceSummary> instances, Instant now) {
        StringBuilder body = new StringBuilder();
        if (instances.isEmpty()) {
            body.append("<p>No instances.</p>\n");
            return Layout.page(viewer, "instances", "Instances", body.toString());
        }
        body.append(Html.scrolling("instances", "instances") + "<thead><tr><th>instance</th><th>state</th>")
                .append("<th>owner</th><th>function</th><th>runtime</th><th>isolation</th><th>host</th><th>age</th>")
                .append("<th></th></tr></thead><tbody>\n");
        for (InstanceSummary instance : instances) {
            body.append("<tr><td><code>")
                    .append(text(instance.instanceId()))
                    .append("</code></td><td>")
                    .append(text(instance.state()))
                    .append("</td><td>")
                    .append(instance.owner() == null ? "nobody (pool)" : text(instance.owner()))
                    .append("</td><td>")
                    .append(
                            instance.function() == null
                                    ? "none"
                                    : Html.anchor(
                                            Html.link("function", "name", instance.function()), instance.function()))
                    .append("</td><td>")
                    .append(text(instance.runtime()))
                    .append("</td><td>")
                    .append(text(instance.isolation()))
                    .append("</td><td>")
                    .append(text(instance.hostId()))
                    .append("</td><td>")
                    .append(Html.age(instance.upSince(), now))
                    .append("</td><td>")
                    .append(Html.form(
                            "instances",
                            viewer.csrfToken(),
                            Html.hidden("instance", instance.instanceId())
                                    + "<button type=\"submit\" aria-label=\"Destroy " + text(instance.instanceId())
                                    + "\">Destroy</button>"))
                    .append("</td></tr>\n");
        }
        body.append("</tbody></table></div>\n<p>Destroying an instance ends it at once, whatever it is doing.</p>\n");
        return Layout.page(viewer, "instances", "Instances", body.toString());
    }
}
