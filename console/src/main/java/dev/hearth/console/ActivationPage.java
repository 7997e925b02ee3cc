package dev.hearth.console;

import static dev.hearth.console.Html.text;

import dev.hearth.scheduler.application.ActivationView;

/** One activation: who ran it where, how it started, its timing, result and log tail. */
final class ActivationPage {

    private ActivationPage() {}

    static String render(Viewer viewer, ActivationView activation) {
        StringBuilder body = new StringBuilder("<dl>")
                .append(Html.entry(
                        "function",
                        Html.anchor(
                                Html.link("function", "name", activation.functionName()), activation.functionName())))
                .append(Html.entry("result", "<strong>" + text(activation.status()) + "</strong>"))
                .append(Html.entry("start", text(activation.startKind())))
                .append(Html.entry("started", Html.time(activation.startedAt())))
                .append(Html.entry("init", activation.initMillis() + " ms"))
                .append(Html.entry("run", activation.runMillis() + " ms"))
                .append(Html.entry("duration", activation.durationMillis() + " ms"))
                .append(Html.entry("owner", text(activation.owner())))
                .append(Html.entry("caller", text(activation.caller())))
                .append(Html.entry("host", text(activation.hostId())))
                .append(Html.entry("instance", text(activation.instanceId())))
                .append("</dl>\n<h2>Log tail</h2>\n");
        String log = activation.logTail();
        body.append(
                log == null || log.isEmpty() ? "<p>No log output.</p>\n" : "<pre id=\"log\">" + text(log) + "</pre>\n");
        return Layout.page(viewer, "functions", "Activation " + activation.id(), body.toString());
    }
}
