package dev.hearth.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.console.Dashboard.FunctionRow;
import dev.hearth.console.Dashboard.PoolRow;
import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.FunctionView;
import dev.hearth.scheduler.application.PoolAdminService.HostView;
import dev.hearth.scheduler.application.PoolAdminService.InstanceSummary;
import dev.hearth.scheduler.application.PoolAdminService.PoolView;
import dev.hearth.scheduler.application.TrafficView;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardPageTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 27, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final String SCRIPT = "<script>alert('x')</script>";
    private static final TrafficView QUIET = OverviewChartsTest.traffic(Map.of());

    @Test
    void aDeveloperSeesOwnFunctionsWithTheirLatestActivationsButNoPools() {
        String page = DashboardPage.render(new Dashboard(
                new Viewer("dev", false, "token-1"),
                QUIET,
                Optional.empty(),
                List.of(row("hello", "dev", "ran fine")),
                List.of(),
                List.of()));

        assertTrue(page.contains("Signed in as <strong>dev</strong>"), page);
        assertTrue(
                page.contains("<td><a href=\"function?name=hello\">hello</a></td><td>dev</td><td>python3</td>"), page);
        assertTrue(
                page.contains(
                        "<a href=\"activation?id=a1\">2026-11-27T10:00:00Z</a> success, warm, 12 ms<pre>ran fine</pre>"),
                page);
        assertFalse(page.contains("Warming pools"), page);
        assertFalse(page.contains("id=\"hosts\""), page);
    }

    @Test
    void anAdminSeesPoolsAndHostsWithATargetForm() {
        List<PoolRow> pools = List.of(new PoolRow("python3", 2, 4, 1, 1, 3));
        List<HostView> hosts =
                List.of(new HostView("local", true, false, 64, List.of("python3", "nodejs"), List.of("sandbox"), 5));

        String page = DashboardPage.render(
                new Dashboard(new Viewer("admin", true, "token-2"), QUIET, Optional.empty(), List.of(), pools, hosts));

        assertTrue(page.contains("<tr><td>python3</td><td>2</td><td>4</td><td>1</td><td>1</td><td>3</td>"), page);
        assertTrue(page.contains("<td>local</td><td>healthy</td><td>5</td><td>64</td><td>python3, nodejs</td>"), page);
        assertTrue(page.contains("name=\"draining\" value=\"true\""), "a healthy host offers to drain: " + page);
        assertTrue(page.contains("action=\"pools\""), page);
        assertTrue(page.contains("All functions"), page);
    }

    @Test
    void namesAndLogsAreEscaped() {
        String page = DashboardPage.render(new Dashboard(
                new Viewer("dev\"><b>", false, "t\"k"),
                QUIET,
                Optional.empty(),
                List.of(row(SCRIPT, "dev", SCRIPT)),
                List.of(),
                List.of()));

        assertFalse(page.contains("<script>"), page);
        assertFalse(page.contains("dev\"><b>"), page);
        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), page);
        assertTrue(page.contains("value=\"t&quot;k\""), page);
    }

    @Test
    void everyFormCarriesTheSessionsCsrfToken() {
        String page = DashboardPage.render(new Dashboard(
                new Viewer("admin", true, "secret-token"),
                QUIET,
                Optional.empty(),
                List.of(),
                List.of(new PoolRow("nodejs", 0, 4, 0, 0, 0)),
                List.of(new HostView("local", true, false, 64, List.of("nodejs"), List.of("sandbox"), 0))));

        int forms = page.split("<form", -1).length - 1;
        int tokens = page.split("name=\"csrf\" value=\"secret-token\"", -1).length - 1;
        assertEquals(3, forms, "sign-out, the pool's target and the host's drain");
        assertEquals(forms, tokens, page);
    }

    @Test
    void longLogsShowTheirEnd() {
        String log = "a".repeat(1000) + "THE END";
        String page = DashboardPage.render(new Dashboard(
                new Viewer("dev", false, "t"),
                QUIET,
                Optional.empty(),
                List.of(row("f", "dev", log)),
                List.of(),
                List.of()));

        assertTrue(page.contains("THE END</pre>"), page);
        assertFalse(page.contains("a".repeat(DashboardPage.LOG_CHARS + 1)), "at most the last characters");
    }

    @Test
    void activeCountsInstancesThatUsersHoldPerRuntime() {
        List<PoolView> pools = List.of(new PoolView("python3", 2, 4, 1, 0), new PoolView("nodejs", 0, 4, 0, 0));
        List<InstanceSummary> instances = List.of(
                new InstanceSummary("i1", "local", "python3", "sandbox", "dev", "busy", null, null),
                new InstanceSummary("i2", "local", "python3", "sandbox", "dev2", "idle", null, null),
                new InstanceSummary("i3", "local", "python3", "sandbox", null, "warming", null, null),
                new InstanceSummary("i4", "local", "nodejs", "vm", "dev", "idle", null, null));

        assertEquals(
                List.of(new PoolRow("python3", 2, 4, 1, 0, 2), new PoolRow("nodejs", 0, 4, 0, 0, 1)),
                PoolRow.of(pools, instances));
    }

    private static FunctionRow row(String name, String owner, String logTail) {
        FunctionView function =
                new FunctionView(name, owner, "python3", "main", List.of(), null, "sha", 10, AT, AT, null, List.of());
        ActivationView activation = new ActivationView(
                "a1", name, owner, owner, "i1", "local", "warm", "success", AT, 0, 10, 12, logTail, null, false, null);
        return new FunctionRow(function, List.of(activation));
    }
}
