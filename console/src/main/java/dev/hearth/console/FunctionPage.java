package dev.hearth.console;

import static dev.hearth.console.Html.text;

import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.AsyncSettingsView;
import dev.hearth.scheduler.application.BulkJobView;
import dev.hearth.scheduler.application.DeadLetterView;
import dev.hearth.scheduler.application.FunctionView;
import dev.hearth.scheduler.application.FunctionView.PolicyView;
import dev.hearth.scheduler.application.FunctionView.PortionView;
import dev.hearth.scheduler.application.GrantView;
import dev.hearth.scheduler.application.ScheduleView;
import dev.hearth.scheduler.application.SecretView;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A function's page: manifest, policy, portions, code, grants, secrets' names, schedules, dead
 * letters, batch jobs (each with its forms), activations, and a form to delete the function.
 */
final class FunctionPage {

    /** The statuses and start kinds the activation filter offers (ActivationView's documented values). */
    static final List<String> STATUSES = List.of("success", "error", "timed_out");

    static final List<String> START_KINDS = List.of("cold", "warming-pool", "reloaded", "warm");

    /** What a job in each status offers: a running one stops, a stopped or failed one restarts. */
    private static final Map<String, String> JOB_ACTIONS =
            Map.of("starting", "Stop", "started", "Stop", "stopped", "Restart", "failed", "Restart");

    /** The characters of an event or an error shown in a table (the API gives them whole). */
    static final int SHORTENED = 200;

    private FunctionPage() {}

    static String render(Viewer viewer, FunctionDetails details) {
        FunctionView function = details.function();
        String self = Html.link("function", "name", function.name());
        StringBuilder body = new StringBuilder();
        body.append("<section aria-labelledby=\"summary\"><h2 id=\"summary\">Summary</h2><dl>")
                .append(Html.entry("owner", text(function.owner())))
                .append(Html.entry("runtime", text(function.runtime())))
                .append(Html.entry("entry portion", text(function.entryPortion())))
                .append(Html.entry(
                        "code",
                        size(function.codeSize()) + ", SHA-256 <code>" + text(function.codeSha256()) + "</code>"))
                .append(Html.entry("created", Html.time(function.createdAt())))
                .append(Html.entry("updated", Html.time(function.updatedAt())));
        if (function.sharedPath() != null) {
            body.append(Html.entry("shared path", text(function.sharedPath())));
        }
        body.append("</dl></section>\n");
        policy(body, function.policy());
        portions(body, function.portions());
        grants(body, viewer, function.name(), details.grants());
        secrets(body, viewer, function.name(), details.secrets());
        schedules(body, viewer, function.name(), details.schedules());
        asyncSettings(body, viewer, function.name(), details.asyncSettings());
        deadLetters(body, viewer, function.name(), details.deadLetters());
        jobs(body, viewer, details.jobs());
        activations(body, self, details);
        deletion(body, viewer, function.name());
        return Layout.page(viewer, "functions", function.name(), body.toString());
    }

    private static void policy(StringBuilder body, PolicyView policy) {
        if (policy == null) {
            return;
        }
        body.append("<section aria-labelledby=\"policy\"><h2 id=\"policy\">Policy</h2><dl>")
                .append(Html.entry("isolation", text(policy.isolation())))
                .append(Html.entry("memory", policy.memoryMb() + " MB"))
                .append(Html.entry("timeout", policy.timeoutMillis() + " ms"))
                .append(Html.entry("CPU", policy.cpuPercent() + " %"))
                .append(Html.entry("processes", String.valueOf(policy.maxProcesses())))
                .append(Html.entry("/tmp", policy.tmpMb() + " MB"))
                .append(Html.entry(
                        "egress", policy.egress().isEmpty() ? "none" : text(String.join(", ", policy.egress()))))
                .append(Html.entry("environment", names(policy.environment())))
                .append("</dl></section>\n");
    }

    private static void portions(StringBuilder body, List<PortionView> portions) {
        body.append("<section aria-labelledby=\"portions\"><h2 id=\"portions\">Portions</h2>")
                .append(Html.scrolling("portion-list", "portions") + "<thead><tr><th>portion</th><th>trust level</th>")
                .append("<th>handler</th><th>path</th><th>secrets</th><th>environment</th></tr></thead><tbody>\n");
        for (PortionView portion : portions) {
            body.append("<tr><td>")
                    .append(text(portion.name()))
                    .append("</td><td>")
                    .append(text(portion.trustLevel()))
                    .append("</td><td>")
                    .append(text(portion.handler()))
                    .append("</td><td>")
                    .append(text(portion.path()))
                    .append("</td><td>")
                    .append(text(String.join(", ", portion.secrets())))
                    .append("</td><td>")
                    .append(names(portion.environment()))
                    .append("</td></tr>\n");
        }
        body.append("</tbody></table></div></section>\n");
    }

    private static void grants(StringBuilder body, Viewer viewer, String function, List<GrantView> grants) {
        body.append("<section aria-labelledby=\"grants\"><h2 id=\"grants\">Grants</h2>");
        if (grants.isEmpty()) {
            body.append("<p>Only the owner (and admins) may invoke it.</p>");
        } else {
            body.append(Html.scrolling("grant-list", "grants") + "<thead><tr><th>principal</th><th>granted by</th>")
                    .append("<th>granted</th><th></th></tr></thead><tbody>\n");
            for (GrantView grant : grants) {
                body.append("<tr><td>")
                        .append(text(grant.principal()))
                        .append("</td><td>")
                        .append(text(grant.grantedBy()))
                        .append("</td><td>")
                        .append(Html.time(grant.grantedAt()))
                        .append("</td><td>")
                        .append(Html.form(
                                "grants",
                                viewer.csrfToken(),
                                Html.hidden("function", function) + Html.hidden("principal", grant.principal())
                                        + Html.hidden("action", "revoke")
                                        + "<button type=\"submit\">Revoke</button>"))
                        .append("</td></tr>\n");
            }
            body.append("</tbody></table></div>");
        }
        body.append(Html.form(
                        "grants",
                        viewer.csrfToken(),
                        Html.hidden("function", function) + Html.hidden("action", "grant")
                                + "<label>Grant invoking to (user:NAME or role:NAME)<input name=\"principal\" "
                                + "required placeholder=\"user:dev2\"></label> <button type=\"submit\">Grant</button>"))
                .append("</section>\n");
    }

    private static void secrets(StringBuilder body, Viewer viewer, String function, List<SecretView> secrets) {
        body.append("<section aria-labelledby=\"secrets\"><h2 id=\"secrets\">Secrets</h2>");
        if (secrets.isEmpty()) {
            body.append("<p>None set.</p>");
        } else {
            body.append(Html.scrolling("secret-list", "secrets") + "<thead><tr><th>name</th><th>version</th>")
                    .append("<th>updated by</th><th>updated</th><th></th></tr></thead><tbody>\n");
            for (SecretView secret : secrets) {
                body.append("<tr><td>")
                        .append(text(secret.name()))
                        .append("</td><td>")
                        .append(secret.version())
                        .append("</td><td>")
                        .append(text(secret.updatedBy()))
                        .append("</td><td>")
                        .append(Html.time(secret.updatedAt()))
                        .append("</td><td>")
                        .append(Html.form(
                                "secrets",
                                viewer.csrfToken(),
                                Html.hidden("function", function)
                                        + Html.hidden("secret", secret.name())
                                        + Html.hidden("action", "delete")
                                        + button("Delete", "Delete secret " + secret.name())))
                        .append("</td></tr>\n");
            }
            body.append("</tbody></table></div>");
        }
        body.append(Html.form(
                        "secrets",
                        viewer.csrfToken(),
                        Html.hidden("function", function) + Html.hidden("action", "set")
                                + "<label>Secret name<input name=\"secret\" required placeholder=\"API_KEY\"></label> "
                                + "<label>Value (never shown again)<input type=\"password\" name=\"value\" required "
                                + "autocomplete=\"off\"></label> <button type=\"submit\">Set secret</button>"))
                .append("<p>Setting a secret again makes a new version; its value is not shown, here or anywhere.</p>")
                .append("</section>\n");
    }

    private static void deletion(StringBuilder body, Viewer viewer, String function) {
        body.append("<section aria-labelledby=\"delete\"><h2 id=\"delete\">Delete</h2>")
                .append("<p>Deleting the function removes its code and, with it, its activations, logs, grants, ")
                .append("secrets, schedules, queued events and dead letters. This cannot be undone.</p>")
                .append(Html.form(
                        "function",
                        viewer.csrfToken(),
                        Html.hidden("name", function) + Html.hidden("action", "delete")
                                + "<label class=\"check\"><input type=\"checkbox\" name=\"confirm\" value=\"yes\" "
                                + "required> Delete " + text(function) + " and all it has</label> "
                                + "<button type=\"submit\">Delete function</button>"))
                .append("</section>\n");
    }

    private static void schedules(StringBuilder body, Viewer viewer, String function, List<ScheduleView> schedules) {
        body.append("<section aria-labelledby=\"schedules\"><h2 id=\"schedules\">Schedules</h2>");
        if (schedules.isEmpty()) {
            body.append("<p>None: it runs only when invoked.</p>");
        } else {
            body.append(Html.scrolling("schedule-list", "schedules") + "<thead><tr><th>schedule</th><th>cron</th>")
                    .append("<th>time zone</th><th>event</th><th>next run</th><th>last run</th><th>set by</th>")
                    .append("<th></th></tr></thead><tbody>\n");
            for (ScheduleView schedule : schedules) {
                body.append("<tr><td>")
                        .append(text(schedule.name()))
                        .append("</td><td><code>")
                        .append(text(schedule.cron()))
                        .append("</code></td><td>")
                        .append(text(schedule.timezone()))
                        .append("</td><td><code>")
                        .append(text(shortened(schedule.event())))
                        .append("</code></td><td>")
                        .append(Html.time(schedule.nextRunAt()))
                        .append("</td><td>")
                        .append(Html.time(schedule.lastRunAt()))
                        .append("</td><td>")
                        .append(text(schedule.updatedBy()))
                        .append("</td><td>")
                        .append(Html.form(
                                "schedules",
                                viewer.csrfToken(),
                                Html.hidden("function", function)
                                        + Html.hidden("schedule", schedule.name())
                                        + Html.hidden("action", "delete")
                                        + button("Delete", "Delete schedule " + schedule.name())))
                        .append("</td></tr>\n");
            }
            body.append("</tbody></table></div>");
        }
        body.append(Html.form(
                        "schedules",
                        viewer.csrfToken(),
                        Html.hidden("function", function) + Html.hidden("action", "set")
                                + "<label>Name<input name=\"schedule\" required placeholder=\"nightly\"></label> "
                                + "<label>Cron (minute hour day month weekday)<input name=\"cron\" required "
                                + "placeholder=\"0 2 * * *\"></label> "
                                + "<label>Time zone<input name=\"timezone\" placeholder=\"UTC\"></label> "
                                + "<label>Event (JSON)<input name=\"event\" placeholder=\"{}\"></label> "
                                + "<button type=\"submit\">Set schedule</button>"))
                .append("</section>\n");
    }

    private static void asyncSettings(StringBuilder body, Viewer viewer, String function, AsyncSettingsView settings) {
        body.append("<section aria-labelledby=\"async-settings\"><h2 id=\"async-settings\">Async retries</h2>")
                .append("<p>A failed or timed-out async invocation is tried again up to the retries, while its event")
                .append(" is younger than the maximum age; then it becomes a dead letter.</p>")
                .append(Html.form(
                        "async-settings",
                        viewer.csrfToken(),
                        Html.hidden("function", function)
                                + "<label>Retries (0 to 5)<input type=\"number\" min=\"0\" max=\"5\""
                                + " name=\"maxRetries\" value=\"" + settings.maxRetries() + "\" required></label> "
                                + "<label>Maximum event age (s, 60 to 21600)<input type=\"number\" min=\"60\""
                                + " max=\"21600\" name=\"maxEventAgeSeconds\" value=\"" + settings.maxEventAgeSeconds()
                                + "\" required></label> <button type=\"submit\">Save retries</button>"))
                .append("</section>\n");
    }

    private static void deadLetters(StringBuilder body, Viewer viewer, String function, List<DeadLetterView> letters) {
        body.append("<section aria-labelledby=\"dead-letters\"><h2 id=\"dead-letters\">Dead letters</h2>");
        if (letters.isEmpty()) {
            body.append("<p>None: no async invocation was given up.</p></section>\n");
            return;
        }
        body.append(Html.scrolling("dead-letter-list", "dead letters") + "<thead><tr><th>event id</th>")
                .append("<th>queued by</th><th>accepted</th><th>given up</th><th>attempts (failed)</th>")
                .append("<th>last error</th><th>event</th><th>activations</th><th></th></tr></thead><tbody>\n");
        for (DeadLetterView letter : letters) {
            String fields = Html.hidden("function", function) + Html.hidden("id", letter.id());
            body.append("<tr><td><code>")
                    .append(text(letter.id()))
                    .append("</code></td><td>")
                    .append(text(letter.caller()))
                    .append("</td><td>")
                    .append(Html.time(at(letter.acceptedAt())))
                    .append("</td><td>")
                    .append(Html.time(at(letter.deadAt())))
                    .append("</td><td>")
                    .append(letter.attempts())
                    .append(" (")
                    .append(letter.failedAttempts())
                    .append(")</td><td>")
                    .append(text(shortened(letter.lastError())))
                    .append("</td><td><code>")
                    .append(text(shortened(letter.event())))
                    .append("</code></td><td>");
            for (int i = 0; i < letter.activationIds().size(); i++) {
                String id = letter.activationIds().get(i);
                body.append(i == 0 ? "" : ", ").append(Html.anchor(Html.link("activation", "id", id), i + 1));
            }
            body.append("</td><td>")
                    .append(Html.form(
                            "dead-letters",
                            viewer.csrfToken(),
                            fields
                                    + Html.hidden("action", "redrive")
                                    + button("Redrive", "Redrive event " + letter.id())))
                    .append(' ')
                    .append(Html.form(
                            "dead-letters",
                            viewer.csrfToken(),
                            fields + Html.hidden("action", "delete") + button("Delete", "Delete event " + letter.id())))
                    .append("</td></tr>\n");
        }
        body.append(
                "</tbody></table></div><p>Redriving queues the event again with its retries afresh.</p></section>\n");
    }

    private static void jobs(StringBuilder body, Viewer viewer, List<BulkJobView> jobs) {
        body.append("<section aria-labelledby=\"jobs\"><h2 id=\"jobs\">Batch jobs</h2>");
        if (jobs.isEmpty()) {
            body.append("<p>None.</p></section>\n");
            return;
        }
        body.append(Html.scrolling("job-list", "batch jobs") + "<thead><tr><th>job</th><th>status</th>")
                .append("<th>progress</th><th>owner</th><th>created</th><th>ended</th><th></th></tr></thead><tbody>\n");
        for (BulkJobView job : jobs) {
            body.append("<tr><td><code>")
                    .append(text(job.id()))
                    .append("</code></td><td>")
                    .append(text(job.problem() == null ? job.status() : job.status() + ": " + job.problem()))
                    .append("</td><td><progress max=\"")
                    .append(Math.max(1, job.recordsTotal()))
                    .append("\" value=\"")
                    .append(job.recordsDone())
                    .append("\" aria-label=\"records of job ")
                    .append(text(job.id()))
                    .append("\"></progress> ")
                    .append(job.recordsDone())
                    .append(" of ")
                    .append(job.recordsTotal())
                    .append(" done, ")
                    .append(job.recordsFailed())
                    .append(" failed</td><td>")
                    .append(text(job.owner()))
                    .append("</td><td>")
                    .append(Html.time(job.createdAt()))
                    .append("</td><td>")
                    .append(Html.time(job.endedAt()))
                    .append("</td><td>");
            // A job whose function was deleted or replaced is not restarted; while it runs it may
            // still be stopped (its chunk under way may last minutes).
            String action = JOB_ACTIONS.get(job.status());
            if ("Restart".equals(action) && job.problem() != null) {
                action = null;
            }
            if (action != null) {
                body.append(Html.form(
                        "jobs",
                        viewer.csrfToken(),
                        Html.hidden("id", job.id())
                                + Html.hidden("action", action.toLowerCase(Locale.ROOT))
                                + button(action, action + " job " + job.id())));
            }
            body.append("</td></tr>\n");
        }
        body.append("</tbody></table></div><p>A stopped job stops after its current chunk; a restarted one ")
                .append("continues from its last checkpoint.</p></section>\n");
    }

    private static void activations(StringBuilder body, String self, FunctionDetails details) {
        body.append("<section aria-labelledby=\"activations\"><h2 id=\"activations\">Recent activations</h2>")
                .append("<form class=\"filter\" method=\"get\" action=\"function\">")
                .append(Html.hidden("name", details.function().name()))
                .append(choice("status", STATUSES, details.status()))
                .append(choice("start", START_KINDS, details.startKind()))
                .append("<button type=\"submit\">Filter</button></form>");
        if (details.activations().isEmpty()) {
            body.append("<p>No activations")
                    .append(details.status().isEmpty() && details.startKind().isEmpty() ? " yet." : " match.")
                    .append("</p></section>\n");
            return;
        }
        body.append(Html.scrolling("activation-list", "activations") + "<thead><tr><th>started</th><th>status</th>")
                .append("<th>start</th><th>duration</th><th>caller</th><th>host</th></tr></thead><tbody>\n");
        for (ActivationView activation : details.activations()) {
            body.append("<tr><td>")
                    .append("<a href=\"")
                    .append(Html.link("activation", "id", activation.id()))
                    .append("\">")
                    .append(Html.time(activation.startedAt()))
                    .append("</a></td><td>")
                    .append(text(activation.status()))
                    .append("</td><td>")
                    .append(text(activation.startKind()))
                    .append("</td><td>")
                    .append(activation.durationMillis())
                    .append(" ms</td><td>")
                    .append(text(activation.caller()))
                    .append("</td><td>")
                    .append(text(activation.hostId()))
                    .append("</td></tr>\n");
        }
        body.append("</tbody></table></div></section>\n");
    }

    private static String choice(String field, List<String> values, String chosen) {
        StringBuilder select = new StringBuilder("<label>")
                .append(field)
                .append("<select name=\"")
                .append(field)
                .append("\"><option value=\"\">any</option>");
        for (String value : values) {
            select.append("<option")
                    .append(value.equals(chosen) ? " selected" : "")
                    .append('>')
                    .append(text(value))
                    .append("</option>");
        }
        return select.append("</select></label>").toString();
    }

    /** A submit button showing {@code label}, named {@code name} for screen readers (both text). */
    private static String button(String label, String name) {
        return "<button type=\"submit\" aria-label=\"" + text(name) + "\">" + text(label) + "</button>";
    }

    /** At most {@link #SHORTENED} characters of a long text, the rest as an ellipsis. */
    private static String shortened(String value) {
        return value == null || value.length() <= SHORTENED ? value : value.substring(0, SHORTENED) + "…";
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Environment variables by name only: their values may be configuration a viewer needs not see. */
    private static String names(Map<String, String> environment) {
        return environment == null || environment.isEmpty() ? "none" : text(String.join(", ", environment.keySet()));
    }

    /** A byte count for people: bytes, KiB or MiB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
