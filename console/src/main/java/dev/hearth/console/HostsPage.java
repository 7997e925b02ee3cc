package dev.hearth.console;

import static dev.hearth.console.Html.text;

import dev.hearth.scheduler.application.PoolAdminService.HostView;
import java.util.List;

/** The configured hosts: state, capacity, instances, what they run, and a drain or undrain form (admins). */
final class HostsPage {

    private HostsPage() {}

    static String render(Viewer viewer, List<HostView> hosts) {
        StringBuilder body = new StringBuilder();
        table(body, viewer, hosts);
        body.append("<p>Draining a host gives it no new work and destroys its idle and warming instances.</p>\n");
        return Layout.page(viewer, "hosts", "Hosts", body.toString());
    }

    /** The hosts' table, also on the overview. */
    static void table(StringBuilder body, Viewer viewer, List<HostView> hosts) {
        body.append(Html.scrolling("hosts", "hosts") + "<tr><th>host</th><th>state</th><th>instances</th>")
                .append("<th>capacity</th><th>runtimes</th><th>isolations</th><th></th></tr>\n");
        for (HostView host : hosts) {
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
                    .append("</td><td>")
                    .append(text(String.join(", ", host.isolations())))
                    .append("</td><td>")
                    .append(Html.form(
                            "hosts",
                            viewer.csrfToken(),
                            Html.hidden("host", host.hostId()) + Html.hidden("draining", !host.draining())
                                    + "<button type=\"submit\" aria-label=\""
                                    + (host.draining() ? "Undrain " : "Drain ")
                                    + text(host.hostId()) + "\">" + (host.draining() ? "Undrain" : "Drain")
                                    + "</button>"))
                    .append("</td></tr>\n");
        }
        body.append("</table></div>\n");
    }
}
