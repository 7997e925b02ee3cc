package dev.hearth.console;

import static dev.hearth.console.Html.text;

import dev.hearth.scheduler.application.SchedulerSettings;

/** The scheduler's fleet-wide settings as one form (admins). */
final class SettingsPage {

    private SettingsPage() {}

    static String render(Viewer viewer, SchedulerSettings settings) {
        String fields = number(
                        "keepAliveSeconds",
                        "Keep-alive of an idle instance (s)",
                        settings.keepAlive().toSeconds())
                + number(
                        "maxConcurrentPerFunction",
                        "Concurrent invocations per function",
                        settings.maxConcurrentPerFunction())
                + number("maxConcurrentPerUser", "Concurrent invocations per user", settings.maxConcurrentPerUser())
                + number(
                        "queueWaitMillis",
                        "Wait for a free slot (ms, at most 60000)",
                        settings.queueWait().toMillis())
                + "<p><label>Allowed private networks (CIDR, one a line)<textarea name=\"allowedPrivateNetworks\" rows=\"3\""
                + " cols=\"30\">" + text(String.join("\n", settings.allowedPrivateNetworks()))
                + "</textarea></label></p>"
                + "<p><button type=\"submit\">Save</button></p>";
        String body = "<form method=\"post\" action=\"settings\">"
                + Html.hidden(CsrfToken.PARAMETER, viewer.csrfToken()) + fields + "</form>\n";
        return Layout.page(viewer, "settings", "Settings", body);
    }

    private static String number(String name, String label, long value) {
        return "<p><label>" + text(label) + "<input type=\"number\" min=\"0\" name=\"" + name + "\" value=\"" + value
                + "\" required></label></p>";
    }
}
