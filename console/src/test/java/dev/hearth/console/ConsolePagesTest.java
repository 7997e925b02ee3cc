package dev.hearth.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.ArchiveSummary;
import dev.hearth.scheduler.application.AsyncSettingsView;
import dev.hearth.scheduler.application.BulkJobView;
import dev.hearth.scheduler.application.DeadLetterView;
import dev.hearth.scheduler.application.FunctionView;
import dev.hearth.scheduler.application.FunctionView.PolicyView;
import dev.hearth.scheduler.application.FunctionView.PortionView;
import dev.hearth.scheduler.application.GrantView;
import dev.hearth.scheduler.application.PoolAdminService.HostView;
import dev.hearth.scheduler.application.PoolAdminService.InstanceSummary;
import dev.hearth.scheduler.application.PoolStartsView;
import dev.hearth.scheduler.application.ScheduleView;
import dev.hearth.scheduler.application.SchedulerSettings;
import dev.hearth.scheduler.application.SecretView;
import dev.hearth.scheduler.application.UsageView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The pages as a user reads them: what each shows, that values are escaped, that forms carry the token. */
class ConsolePagesTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 4, 9, 30, 0, 0, ZoneOffset.UTC);
    private static final String SCRIPT = "<script>alert('x')</script>";
    private static final Viewer ADMIN = new Viewer("admin", true, "tok");
    private static final Viewer DEVELOPER = new Viewer("dev", false, "tok");

    @Test
    void aFunctionPageShowsPolicyPortionsGrantsAndSecretNamesButNoValues() {
        String page = FunctionPage.render(DEVELOPER, details(function("hello"), List.of(activation("a1", "success"))));

        assertTrue(page.contains("<h1>hello</h1>"), page);
        assertTrue(page.contains("<dt>isolation</dt><dd>sandbox</dd>"), page);
        assertTrue(page.contains("<td>main</td><td>untrusted</td>"), page);
        assertTrue(page.contains("<td>db</td><td>trusted</td>"), page);
        assertTrue(page.contains("<dt>code</dt><dd>2.0 KiB, SHA-256 <code>abc123</code></dd>"), page);
        assertTrue(page.contains("<td>user:dev2</td>"), page);
        assertTrue(page.contains("<td>DB_PASSWORD</td><td>3</td>"), page);
        assertFalse(page.contains("s3cret"), "environment values are not shown");
        assertTrue(page.contains("<a href=\"activation?id=a1\">"), page);
    }

    @Test
    void everyFormOnAFunctionPageCarriesTheToken() {
        String page = FunctionPage.render(DEVELOPER, details(function("hello"), List.of()));

        assertEquals(count(page, "method=\"post\""), count(page, "name=\"csrf\" value=\"tok\""), page);
        assertEquals(
                8,
                count(page, "method=\"post\""),
                "sign-out, revoke, grant, set a schedule, delete and set a secret, async retries, delete the function");
        assertTrue(page.contains("<form class=\"inline\" method=\"post\" action=\"async-settings\">"), page);
        assertTrue(page.contains("name=\"maxRetries\" value=\"3\" required>"), page);
        assertTrue(page.contains("name=\"maxEventAgeSeconds\" value=\"600\" required>"), page);
        assertTrue(page.contains("aria-label=\"Delete secret DB_PASSWORD\""), page);
        assertTrue(page.contains("<input type=\"password\" name=\"value\" required autocomplete=\"off\">"), page);
        assertTrue(
                page.contains("<input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> Delete hello and all"),
                page);
        assertTrue(page.contains("<p>None: it runs only when invoked.</p>"), page);
        assertTrue(page.contains("<p>None: no async invocation was given up.</p>"), page);
        assertTrue(page.contains("<p>No activations yet.</p>"), page);
    }

    @Test
    void aFunctionPageListsSchedulesDeadLettersAndJobsWithTheirForms() {
        String gone = "function 'hello' was deleted since job job-4 started";
        FunctionDetails details = new FunctionDetails(
                function("hello"),
                List.of(),
                List.of(),
                List.of(new ScheduleView(
                        "hello",
                        SCRIPT,
                        "0 2 * * *",
                        "Europe/Paris",
                        "{\"x\":\"" + SCRIPT + "\"}",
                        AT,
                        null,
                        "dev",
                        AT)),
                new AsyncSettingsView(2, 21600),
                List.of(new DeadLetterView(
                        "ev-1",
                        "hello",
                        "dev",
                        "{}",
                        AT.toInstant(),
                        AT.toInstant(),
                        3,
                        2,
                        SCRIPT,
                        List.of("a1", "a2"),
                        false)),
                List.of(
                        new BulkJobView("job-1", "hello", "dev", "started", null, 40, 10, 1, AT, AT, null),
                        new BulkJobView("job-2", "hello", "dev", "failed", null, 40, 20, 20, AT, AT, AT),
                        new BulkJobView("job-3", "hello", "dev", "completed", null, 40, 40, 0, AT, AT, AT),
                        new BulkJobView("job-4", "hello", "dev", "failed", gone, 40, 20, 0, AT, AT, AT)),
                List.of(),
                "",
                "");

        String page = FunctionPage.render(DEVELOPER, details);

        assertFalse(page.contains("<script>"), page);
        assertTrue(
                page.contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td><td><code>0 2 * * *</code></td>"
                        + "<td>Europe/Paris</td>"),
                page);
        assertTrue(page.contains("aria-label=\"Delete schedule &lt;script&gt;"), page);
        assertTrue(page.contains("<td>3 (2)</td>"), page);
        assertTrue(page.contains("<a href=\"activation?id=a1\">1</a>, <a href=\"activation?id=a2\">2</a>"), page);
        assertTrue(page.contains("aria-label=\"Redrive event ev-1\">Redrive</button>"), page);
        assertTrue(page.contains("aria-label=\"Delete event ev-1\">Delete</button>"), page);
        assertTrue(page.contains("<progress max=\"40\" value=\"10\""), page);
        assertTrue(page.contains("10 of 40 done, 1 failed"), page);
        assertTrue(
                page.contains("name=\"action\" value=\"stop\"><button type=\"submit\" aria-label=\"Stop job job-1\">"),
                page);
        assertTrue(page.contains("aria-label=\"Restart job job-2\">Restart</button>"), page);
        assertFalse(
                page.contains("Stop job job-3") || page.contains("Restart job job-3"),
                "a completed job offers nothing");
        assertTrue(page.contains("<td>failed: function &#39;hello&#39; was deleted"), page);
        assertFalse(page.contains("Restart job job-4"), "nor one whose function was deleted");
        assertEquals(count(page, "method=\"post\""), count(page, "name=\"csrf\" value=\"tok\""), page);
        assertEquals(
                11,
                count(page, "method=\"post\""),
                "sign-out, grant, 2 for the schedule, async retries, 2 for the dead letter, 2 jobs, a secret,"
                        + " the deletion");
        assertTrue(page.contains("name=\"maxRetries\" value=\"2\" required>"), page);
        assertTrue(page.contains("name=\"maxEventAgeSeconds\" value=\"21600\" required>"), page);
    }

    @Test
    void theActivationFilterKeepsTheChosenStatusAndStartKind() {
        List<ActivationView> recent =
                List.of(activation("a1", "success"), activation("a2", "error"), activation("a3", "success"));

        assertEquals(
                List.of("a2"),
                FunctionDetails.matching(recent, "error", "").stream()
                        .map(ActivationView::id)
                        .toList());
        assertEquals(3, FunctionDetails.matching(recent, "", "warm").size());
        assertTrue(FunctionDetails.matching(recent, "", "cold").isEmpty());
    }

    @Test
    void namesLogsAndLinksAreEscaped() {
        FunctionView hostile = function(SCRIPT);
        String functionPage = FunctionPage.render(DEVELOPER, details(hostile, List.of()));
        String activationPage = ActivationPage.render(DEVELOPER, activation("a&b", SCRIPT));

        for (String page : List.of(functionPage, activationPage)) {
            assertFalse(page.contains("<script>"), page);
        }
        assertTrue(activationPage.contains("<pre id=\"log\">&lt;script&gt;"), activationPage);
        assertTrue(activationPage.contains("<h1>Activation a&amp;b</h1>"), activationPage);
        assertTrue(
                activationPage.contains("href=\"function?name=%3Cscript%3Ealert%28%27x%27%29%3C%2Fscript%3E\""),
                activationPage);
    }

    @Test
    void aDevelopersNavigationHasNoAdminPages() {
        String page = FunctionPage.render(DEVELOPER, details(function("hello"), List.of()));
        assertTrue(page.contains("href=\"functions\""), page);
        assertFalse(page.contains("href=\"hosts\""), page);
        assertFalse(page.contains("href=\"metering\""), page);
        assertTrue(SettingsPage.render(ADMIN, SchedulerSettings.DEFAULT).contains("href=\"hosts\""));
    }

    @Test
    void aDrainingHostOffersToUndrainAndInstancesOfferToBeDestroyed() {
        String hosts = HostsPage.render(
                ADMIN, List.of(new HostView("local", true, true, 16, List.of("python3"), List.of("sandbox"), 2)));
        assertTrue(hosts.contains("<td>local</td><td>draining</td><td>2</td><td>16</td>"), hosts);
        assertTrue(hosts.contains("name=\"draining\" value=\"false\""), hosts);
        assertTrue(hosts.contains(">Undrain</button>"), hosts);

        Instant now = AT.toInstant();
        String instances = InstancesPage.render(
                ADMIN,
                List.of(
                        new InstanceSummary(
                                "i-1", "local", "python3", "sandbox", "dev", "idle", "hello", now.minusSeconds(7500)),
                        new InstanceSummary(
                                "i-2", "local", "python3", "sandbox", null, "warming", null, now.minusSeconds(42))),
                now);
        assertTrue(
                instances.contains("<td><code>i-1</code></td><td>idle</td><td>dev</td>"
                        + "<td><a href=\"function?name=hello\">hello</a></td>"),
                instances);
        assertTrue(instances.contains("<td><time datetime=\"2026-12-04T07:25:00Z\">2 h 5 min</time></td>"), instances);
        assertTrue(instances.contains("<td>nobody (pool)</td><td>none</td>"), instances);
        assertTrue(instances.contains(">42 s</time>"), instances);
        assertEquals(count(instances, "method=\"post\""), count(instances, "name=\"csrf\" value=\"tok\""));
    }

    @Test
    void thePoolsPageShowsEachRuntimesHitRateOfTheLastHour() {
        String page = PoolsPage.render(
                ADMIN,
                List.of(
                        new Dashboard.PoolRow("python3", 2, 4, 1, 0, 1),
                        new Dashboard.PoolRow("nodejs", 0, 4, 0, 0, 0),
                        new Dashboard.PoolRow("provided", 0, 4, 0, 0, 0)),
                List.of(
                        new PoolStartsView("python3", 1, 3, 2, 14, 20, OptionalDouble.of(0.75), OptionalDouble.of(0.7)),
                        new PoolStartsView("provided", 0, 0, 0, 2, 2, OptionalDouble.empty(), OptionalDouble.of(1))));

        assertTrue(page.contains("id=\"pool-hits\""), page);
        assertTrue(
                page.contains("<tr><td>python3</td><td>20</td><td>14</td><td>2</td><td>3</td><td>1</td>"
                        + "<td>75 %</td><td>70 %</td></tr>"),
                "20 invocations: 14 warm, 2 reloaded, 3 from the pool, 1 cold: " + page);
        assertTrue(
                page.contains("<tr><td>provided</td><td>2</td><td>2</td><td>0</td><td>0</td><td>0</td>"
                        + "<td>–</td><td>100 %</td></tr>"),
                "no start needed a new instance: no hit rate: " + page);
        assertTrue(
                page.contains("<tr><td>nodejs</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>"
                        + "<td>–</td><td>–</td></tr>"),
                "no invocations: " + page);
    }

    @Test
    void anAgeIsSaidInItsTwoLargestUnits() {
        Instant now = AT.toInstant();
        assertTrue(Html.age(now.minusSeconds(59), now).endsWith(">59 s</time>"));
        assertTrue(Html.age(now.minusSeconds(60), now).endsWith(">1 min</time>"));
        assertTrue(Html.age(now.minusSeconds(61), now).endsWith(">1 min 1 s</time>"));
        assertTrue(Html.age(now.minusSeconds(3 * 86400 + 7200 + 5), now).endsWith(">3 d 2 h</time>"));
        assertTrue(Html.age(now.plusSeconds(5), now).endsWith(">0 s</time>"), "a clock a little ahead");
        assertEquals("", Html.age(null, now));
    }

    @Test
    void theSettingsFormShowsTheCurrentSettings() {
        String page = SettingsPage.render(ADMIN, SchedulerSettings.DEFAULT);
        assertTrue(page.contains("name=\"keepAliveSeconds\" value=\"300\""), page);
        assertTrue(page.contains("name=\"maxConcurrentPerFunction\" value=\"16\""), page);
        assertTrue(page.contains("name=\"queueWaitMillis\" value=\"2000\""), page);
        assertEquals(2, count(page, "name=\"csrf\" value=\"tok\""), "sign-out and the settings");
    }

    @Test
    void theMeteringPageShowsTheRetentionArchivesUsageAndRunNowForms() {
        String page = MeteringPage.render(
                ADMIN,
                14,
                List.of(new ArchiveSummary(LocalDate.of(2026, 11, 20), 2048, 37, AT.toInstant())),
                List.of(new UsageView(AT.toInstant().minusSeconds(1800), SCRIPT, "hello", 12, 1, 1_536_000, 1.5)),
                Optional.of("Started job retention: execution 7."));
        assertTrue(page.contains("name=\"retentionDays\" value=\"14\""), page);
        assertTrue(
                page.contains(
                        "<a href=\"archive?day=2026-11-20\" download>2026-11-20</a></td><td>37</td><td>2.0 KiB</td>"),
                page);
        assertTrue(page.contains("<td>2.0 KiB</td><td>2026-12-04T09:30:00Z</td>"), "when it was archived: " + page);
        assertTrue(
                page.contains(
                        "<td>2026-12-04T09:00:00Z</td><td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td><td><a href=\"function?name=hello\">hello</a></td>"
                                + "<td>12</td><td>1</td><td>1.500</td>"),
                page);
        assertFalse(page.contains(SCRIPT), "escaped");
        assertTrue(page.contains("name=\"job\" value=\"retention\"><button type=\"submit\">Run retention now"), page);
        assertTrue(
                page.contains("name=\"job\" value=\"usage-rollup\"><button type=\"submit\">Run usage rollup now"),
                page);
        assertTrue(page.contains("role=\"status\">Started job retention: execution 7.</p>"), page);
        assertEquals(4, count(page, "method=\"post\""), "sign-out, the retention and two jobs");
        assertEquals(4, count(page, "name=\"csrf\" value=\"tok\""), page);
        assertTrue(page.contains("<a href=\"metering\" aria-current=\"page\">Metering</a>"), page);
    }

    @Test
    void aMeteringPageWithoutArchivesOrUsageSaysSo() {
        String page = MeteringPage.render(ADMIN, 30, List.of(), List.of(), Optional.empty());
        assertTrue(page.contains("<p>No archives yet.</p>"), page);
        assertTrue(page.contains("<p>No invocations in these hours.</p>"), page);
        assertFalse(page.contains("role=\"status\""), page);
    }

    private static FunctionDetails details(FunctionView function, List<ActivationView> activations) {
        return new FunctionDetails(
                function,
                List.of(new GrantView(function.name(), "user:dev2", "dev", AT)),
                List.of(new SecretView(function.name(), "DB_PASSWORD", 3, "dev", AT)),
                List.of(),
                new AsyncSettingsView(3, 600),
                List.of(),
                List.of(),
                activations,
                "",
                "");
    }

    private static FunctionView function(String name) {
        return new FunctionView(
                name,
                "dev",
                "python3",
                "main",
                List.of(
                        new PortionView("main", "main", "app.handler", "untrusted", Map.of(), List.of()),
                        new PortionView(
                                "db", "db", "db.handler", "trusted", Map.of("MODE", "s3cret"), List.of("DB_PASSWORD"))),
                new PolicyView(128, 3000, 16, 16, 50, Map.of("TOKEN", "s3cret"), List.of(), "sandbox"),
                "abc123",
                2048,
                AT,
                AT,
                null,
                List.of());
    }

    private static ActivationView activation(String id, String statusAndLog) {
        return new ActivationView(
                id,
                SCRIPT,
                "dev",
                "dev",
                "i-1",
                "local",
                "warm",
                statusAndLog,
                AT,
                5,
                7,
                12,
                statusAndLog,
                null,
                false,
                null);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
