package dev.hearth.it;

import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.post;
import static dev.hearth.it.HearthApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser, one session per user: signing in through Keycloak's own login
 * page, the pages each role reaches by its links, every admin form, refusals shown as readable
 * pages, and signing out. Each page visited is saved as docs/console/NAME.png (README "Console")
 * and checked with axe-core for serious accessibility problems.
 * The developer goes first: their invocations leave the instance the admin destroys, and one of them
 * shows in the overview's charts while the developer looks at them. Then the developer sets and
 * deletes a schedule and a secret, redrives and deletes a dead letter, stops and restarts a batch
 * job, and deletes that function.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final String FUNCTION = "browser-hello";

    /** Sleeps the event's milliseconds, or fails when asked: for a dead letter and a batch job. */
    private static final String WORKER = "browser-work";

    private static final String WORKER_CODE = "import time\n"
            + "def handler(event, context):\n"
            + "    time.sleep(event.get('sleepMs', 0) / 1000)\n"
            + "    if event.get('fail'):\n"
            + "        raise RuntimeError('asked to fail')\n"
            + "    return {'index': event.get('i')}\n";

    private static JsonObject python3Pool;

    private static int retentionDays;

    private final List<String> accessibility = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @BeforeAll
    static void aDevelopersFunctionThatRan() {
        python3Pool = Fleet.pool("python3");
        retentionDays = retention();
        int status = put("dev", "/functions/" + FUNCTION, "application/zip", Archives.example("hello-python"))
                .status();
        assertTrue(status == 201 || status == 200, "upload answered " + status);
        assertEquals(
                200,
                post("dev", "/functions/" + FUNCTION + "/invocations", "application/json", "{\"name\":\"browser\"}")
                        .status());
    }

    /** A dead letter of the worker (an event that failed, not retried) and one of its batch jobs, running. */
    static String aDeadLetterAndARunningJob() {
        int status = put(
                        "dev",
                        "/functions/" + WORKER,
                        "application/zip",
                        Archives.zipOfText(Map.of(
                                "hearth.json",
                                "{\"runtime\": \"python3\", \"portions\": [{\"name\": \"main\", \"handler\": \"app.handler\"}]}",
                                "app.py",
                                WORKER_CODE)))
                .status();
        assertTrue(status == 201 || status == 200, "upload answered " + status);
        assertEquals(
                200,
                put(
                                "dev",
                                "/functions/" + WORKER + "/async-settings",
                                "application/json",
                                "{\"maxRetries\": 0, \"maxEventAgeSeconds\": 600}".getBytes(StandardCharsets.UTF_8))
                        .status());
        assertEquals(
                202,
                HearthApi.send(HearthApi.request("dev", "/functions/" + WORKER + "/invocations")
                                .header("Content-Type", "application/json")
                                .header("Prefer", "respond-async")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"fail\": true}")))
                        .status());
        Fleet.await(
                () -> HearthApi.parse(get("dev", "/functions/" + WORKER + "/dead-letters")
                                .body())
                        .asJsonArray()
                        .size(),
                letters -> letters == 1,
                Duration.ofSeconds(60),
                "the failed event in the dead letters");
        // 100 records of 0.5 s, 4 at a time: half a minute, enough to be stopped from the console.
        String records = IntStream.range(0, 100)
                .mapToObj(i -> "{\"i\": " + i + ", \"sleepMs\": 500}")
                .collect(Collectors.joining("\n", "", "\n"));
        HearthApi.Answer job = HearthApi.send(HearthApi.request("dev", "/functions/" + WORKER + "/jobs")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(records)));
        assertEquals(202, job.status(), job.body());
        return job.json().getString("id");
    }

    /** What the admin's forms change is put back, even when the test stops half-way: later tests share the fleet. */
    @AfterAll
    static void theFleetAsItWas() {
        Fleet.drain("local", false);
        Fleet.setPool("python3", python3Pool.getInt("warmingTarget"), python3Pool.getInt("maxPerHost"));
        String retention = "{\"activationRetentionDays\":" + retentionDays + "}";
        put("admin", "/admin/retention", "application/json", retention.getBytes(StandardCharsets.UTF_8));
    }

    private static int retention() {
        return get("admin", "/admin/retention").json().getInt("activationRetentionDays");
    }

    @Test
    @Order(1)
    void aDeveloperFindsTheirFunctionItsActivationAndItsLog() {
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn("dev");
            assertEquals("Overview", browser.heading());
            assertFalse(browser.text().contains("Warming pools"), "pools are for admins");
            assertTrue(browser.findAll(By.id("chart-pools")).isEmpty(), "pools are for admins");
            assertTrue(browser.findAll(By.linkText("Hosts")).isEmpty(), "no admin pages in a developer's navigation");
            By invocations = By.id("chart-invocations");
            long charted = browser.number(invocations, "data-invocations");
            assertTrue(charted >= 1, "the invocation before the test is charted: " + charted);
            shown(browser, "overview-developer");

            WebElement heading = browser.find(By.tagName("h1"));
            assertEquals(
                    200,
                    post("dev", "/functions/" + FUNCTION + "/invocations", "application/json", "{\"name\":\"browser\"}")
                            .status());
            // Other tests' deferred runs of the developer's functions may be counted too: more, not one more.
            long after = browser.awaitAbove(invocations, "data-invocations", charted);
            assertTrue(heading.isDisplayed(), "the charts were redrawn in the page, not by loading it again");
            assertTrue(
                    browser.find(By.id("traffic-summary"))
                            .getText()
                            .matches(
                                    "In the last hour: \\d+ invocations, \\d+ failed \\(.*%\\), p50 \\d+ ms, p99 \\d+ ms\\."),
                    browser.text());
            assertTrue(after > charted, after + " after " + charted);
            browser.phone();
            assertFalse(browser.scrollsSideways(), "the charts fit a phone");
            shown(browser, "overview-phone");
            browser.desktop();

            browser.follow("Functions");
            assertEquals("Your functions", browser.heading());
            WebElement search = browser.find(By.name("q"));
            // The whole name: other tests' functions of other names may be there too.
            search.sendKeys(FUNCTION);
            browser.press(browser.find(By.xpath("//button[.='Show']")));
            assertTrue(browser.url().contains("q=" + FUNCTION), browser.url());
            assertEquals(List.of(FUNCTION), column(browser, "function-list", 1));
            shown(browser, "functions");

            browser.follow(FUNCTION);
            assertEquals(FUNCTION, browser.heading());
            assertTrue(browser.text().contains("python3"), browser.text());
            assertFalse(column(browser, "portion-list", 2).isEmpty(), "each portion with its trust level");
            browser.find(By.name("principal")).sendKeys("user:dev2");
            browser.press(browser.find(By.xpath("//button[.='Grant']")));
            assertEquals(List.of("user:dev2"), column(browser, "grant-list", 1));
            shown(browser, "function");
            browser.press(browser.find(By.xpath("//table[@id='grant-list']//button[.='Revoke']")));
            assertTrue(browser.findAll(By.id("grant-list")).isEmpty(), "the grant is revoked");
            WebElement retries = browser.find(By.name("maxRetries"));
            retries.clear();
            retries.sendKeys("4");
            WebElement age = browser.find(By.name("maxEventAgeSeconds"));
            age.clear();
            age.sendKeys("600");
            browser.press(browser.find(By.xpath("//button[.='Save retries']")));
            assertEquals("4", browser.find(By.name("maxRetries")).getAttribute("value"));
            JsonObject async =
                    get("dev", "/functions/" + FUNCTION + "/async-settings").json();
            assertEquals(4, async.getInt("maxRetries"), "what the API reads");
            assertEquals(600, async.getInt("maxEventAgeSeconds"), "what the API reads");

            browser.open("/function?name=" + FUNCTION + "&status=error");
            assertTrue(browser.text().contains("No activations match."), browser.text());
            browser.open("/function?name=" + FUNCTION + "&status=success");
            assertEquals(Set.of("success"), Set.copyOf(column(browser, "activation-list", 2)));

            browser.press(browser.find(By.xpath("//table[@id='activation-list']//a")));
            assertTrue(browser.heading().startsWith("Activation "), browser.heading());
            assertTrue(browser.text().contains("hello-python: greeting browser"), "the log tail: " + browser.text());
            assertTrue(browser.text().contains("duration"), browser.text());
            shown(browser, "activation");

            browser.phone();
            browser.follow(FUNCTION);
            assertFalse(browser.scrollsSideways(), "at phone width only tables scroll sideways");
            shown(browser, "function-phone");
            browser.desktop();

            browser.open("/function?name=nobody-has-this");
            assertTrue(browser.text().contains("Function not found"), browser.text());
            assertFalse(browser.text().contains("Exception"), "a readable page, not a stack trace");
            browser.open("/hosts");
            assertTrue(browser.text().contains("dev may not open this page"), browser.text());
            browser.open("/metering");
            assertTrue(browser.text().contains("dev may not open this page"), browser.text());
            browser.open("/");

            browser.signOut();
            assertTrue(browser.text().contains("You are signed out"), browser.text());
            shown(browser, "signed-out");
        }
    }

    @Test
    @Order(2)
    void aDeveloperManagesSchedulesSecretsDeadLettersAndJobsThenDeletesTheFunction() {
        String job = aDeadLetterAndARunningJob();
        String letter = HearthApi.parse(
                        get("dev", "/functions/" + WORKER + "/dead-letters").body())
                .asJsonArray()
                .getJsonObject(0)
                .getString("id");
        String page = "/function?name=" + WORKER;
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn("dev");
            browser.open(page);
            assertTrue(browser.text().contains("None: it runs only when invoked."), browser.text());
            browser.find(By.name("schedule")).sendKeys("nightly");
            browser.find(By.name("cron")).sendKeys("0 2 * * *");
            browser.find(By.name("timezone")).sendKeys("Europe/Paris");
            browser.press(browser.find(By.xpath("//button[.='Set schedule']")));
            assertEquals(List.of("nightly"), column(browser, "schedule-list", 1));
            assertEquals("Europe/Paris", cell(browser, "schedule-list", "nightly", 3));
            assertTrue(cell(browser, "dead-letter-list", letter, 6).contains("asked to fail"), "the last error");
            assertTrue(cell(browser, "job-list", job, 2).startsWith("start"), "running: " + browser.text());
            browser.find(By.name("secret")).sendKeys("API_KEY");
            browser.find(By.name("value")).sendKeys("s3cret-value");
            browser.press(browser.find(By.xpath("//button[.='Set secret']")));
            assertEquals("1", cell(browser, "secret-list", "API_KEY", 2), "its first version");
            assertFalse(browser.source().contains("s3cret-value"), "a secret's value is never shown");
            shown(browser, "function-operations");

            browser.press(row(browser, "job-list", job).findElement(By.xpath(".//button[.='Stop']")));
            awaitCell(browser, page, "job-list", job, 2, "stopped"::equals);
            assertTrue(cell(browser, "job-list", job, 3).contains("of 100 done"), browser.text());
            browser.press(row(browser, "job-list", job).findElement(By.xpath(".//button[.='Restart']")));
            assertTrue(
                    List.of("starting", "started", "completed").contains(cell(browser, "job-list", job, 2)),
                    "restarted: " + browser.text());

            browser.press(row(browser, "dead-letter-list", letter).findElement(By.xpath(".//button[.='Redrive']")));
            // Queued again, it fails again (no retries) and is back with a second activation.
            awaitCell(browser, page, "dead-letter-list", letter, 8, "1, 2"::equals);
            browser.press(row(browser, "dead-letter-list", letter).findElement(By.xpath(".//button[.='Delete']")));
            assertTrue(browser.text().contains("None: no async invocation was given up."), browser.text());

            browser.press(row(browser, "schedule-list", "nightly").findElement(By.xpath(".//button[.='Delete']")));
            assertTrue(browser.text().contains("None: it runs only when invoked."), browser.text());
            browser.press(row(browser, "secret-list", "API_KEY").findElement(By.xpath(".//button[.='Delete']")));
            assertTrue(browser.findAll(By.id("secret-list")).isEmpty(), "the secret is deleted");

            browser.find(By.name("confirm")).click();
            browser.press(browser.find(By.xpath("//button[.='Delete function']")));
            assertEquals("Your functions", browser.heading());
            assertFalse(column(browser, "function-list", 1).contains(WORKER), "deleted: " + browser.text());
            browser.open(page);
            assertTrue(browser.text().contains("Function not found"), browser.text());

            browser.open("/");
            browser.signOut();
        }
    }

    @Test
    @Order(3)
    void anAdminSetsAPoolTargetDrainsAHostAndDestroysAnInstance() throws Exception {
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn("admin");
            assertTrue(browser.text().contains("Warming pools"), browser.text());
            assertTrue(column(browser, "functions", 1).contains(FUNCTION), "every developer's functions");
            assertTrue(browser.number(By.id("chart-invocations"), "data-invocations") >= 2, "everyone's invocations");
            assertTrue(
                    browser.find(By.cssSelector("#chart-pools svg"))
                            .getAttribute("aria-label")
                            .contains("python3"),
                    "each pool's occupancy");
            // The developer's instance, sampled every 10 s since the first test began.
            assertTrue(browser.number(By.id("chart-instances"), "data-peak") >= 1, "the instances over the hour");
            assertTrue(
                    browser.find(By.cssSelector("#chart-instances svg"))
                            .getAttribute("aria-label")
                            .startsWith("Instances over the last hour, on average: "),
                    "said in words too");
            shown(browser, "overview-admin");

            browser.follow("Pools");
            startsAddUp(browser);
            String target = cell(browser, "pools", "python3", 2);
            int raised = Integer.parseInt(target) + 1;
            setTarget(browser, raised);
            assertEquals(String.valueOf(raised), cell(browser, "pools", "python3", 2));
            shown(browser, "pools");
            setTarget(browser, Integer.parseInt(target));
            assertEquals(target, cell(browser, "pools", "python3", 2));

            browser.follow("Instances");
            WebElement developers = row(browser, "instances", 4, FUNCTION);
            assertEquals("dev", developers.findElement(By.xpath("td[3]")).getText(), "its owner");
            String age = developers.findElement(By.xpath("td[8]")).getText();
            assertTrue(age.matches("\\d+ (s|min|h)( \\d+ (s|min))?"), "its age: " + age);
            String instance = developers.findElement(By.xpath("td[1]")).getText();
            shown(browser, "instances");
            browser.press(developers.findElement(By.xpath(".//button[.='Destroy']")));
            assertFalse(column(browser, "instances", 1).contains(instance), "destroyed: " + instance);

            browser.follow("Hosts");
            assertEquals("healthy", cell(browser, "hosts", "local", 2));
            browser.press(row(browser, "hosts", "local").findElement(By.xpath(".//button[.='Drain']")));
            assertEquals("draining", cell(browser, "hosts", "local", 2));
            shown(browser, "hosts");
            browser.press(row(browser, "hosts", "local").findElement(By.xpath(".//button[.='Undrain']")));
            assertEquals("healthy", cell(browser, "hosts", "local", 2));

            browser.follow("Metering");
            int changed = retentionDays == 7 ? 8 : 7;
            setRetention(browser, changed);
            assertEquals(
                    String.valueOf(changed),
                    browser.find(By.name("retentionDays")).getAttribute("value"));
            assertEquals(changed, retention(), "what the API reads");
            browser.press(browser.find(By.xpath("//button[.='Run usage rollup now']")));
            assertTrue(browser.text().contains("Started job usage-rollup: execution "), browser.text());
            anArchiveDownloadedHoldsItsActivation(browser);
            shown(browser, "metering");
            setRetention(browser, retentionDays);
            assertEquals(retentionDays, retention());
            browser.open("/archive?day=1999-01-01");
            assertTrue(browser.text().contains("Archive not found: no archive of 1999-01-01"), browser.text());
            browser.open("/metering");

            browser.follow("Settings");
            shown(browser, "settings");
            WebElement limit = browser.find(By.name("maxConcurrentPerFunction"));
            limit.clear();
            limit.sendKeys("0");
            browser.press(browser.find(By.xpath("//button[.='Save']")));
            assertTrue(
                    browser.text().contains("Invalid settings: concurrency limits must be at least 1"), browser.text());
            shown(browser, "refused");

            browser.open("/");
            browser.signOut();
        }
    }

    @Test
    @Order(4)
    void anInvokerIsToldTheConsoleIsNotForThemAndCanSignOut() {
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn("invoker");
            assertTrue(browser.text().contains("invoker may not use the console"), browser.text());
            shown(browser, "forbidden");
            browser.signOut();
        }
    }

    /**
     * On the pools page, python3's starts of the last hour (the developer's invocations among them)
     * add up, and its hit rate is the pool's share of those that needed a new instance.
     */
    private static void startsAddUp(ConsoleBrowser browser) {
        List<Long> counts = IntStream.rangeClosed(2, 6)
                .mapToObj(column -> Long.parseLong(cell(browser, "pool-hits", "python3", column)))
                .toList();
        assertTrue(counts.get(0) >= 2, "the developer's invocations at least: " + counts);
        assertEquals(
                counts.get(0),
                counts.get(1) + counts.get(2) + counts.get(3) + counts.get(4),
                "warm, reloaded," + " pool, cold: " + counts);
        long fromPool = counts.get(3);
        long needed = fromPool + counts.get(4);
        String rate = cell(browser, "pool-hits", "python3", 7);
        if (needed == 0) {
            assertEquals("–", rate, "no start needed a new instance: " + counts);
        } else {
            assertEquals(
                    100.0 * fromPool / needed,
                    Double.parseDouble(rate.replace(" %", "")),
                    0.01,
                    "the pool's share of the starts that needed a new instance: " + counts);
        }
    }

    /**
     * An activation made 40 days old (in the ITs' database: no API backdates one) is archived by
     * the retention job started from the page; the day's archive, downloaded by the browser from
     * the page's link, is a gzip'd tar that holds it.
     */
    private static void anArchiveDownloadedHoldsItsActivation(ConsoleBrowser browser) throws Exception {
        HearthApi.Answer invoked =
                post("dev", "/functions/" + FUNCTION + "/invocations", "application/json", "{\"name\":\"archive\"}");
        assertEquals(200, invoked.status(), invoked.body());
        String id = invoked.json().getString("activationId");
        LocalDate day = ItDatabase.makeOld(List.of(id), 40).get(0);
        browser.press(browser.find(By.xpath("//button[.='Run retention now']")));
        Matcher started =
                Pattern.compile("Started job retention: execution (\\d+)\\.").matcher(browser.text());
        assertTrue(started.find(), browser.text());
        String execution = "/admin/jobs/retention/executions/" + started.group(1);
        assertEquals(
                "COMPLETED",
                Fleet.await(
                        () -> get("admin", execution).json().getString("status"),
                        status -> !Set.of("STARTING", "STARTED").contains(status),
                        Duration.ofSeconds(60),
                        "the retention job to end"));
        browser.open("/metering");
        WebElement link = row(browser, "archives", day.toString()).findElement(By.tagName("a"));
        byte[] archive = browser.download(link, "activations-" + day + ".tar.gz");
        List<String> ids = new ArrayList<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry = tar.getNextEntry();
            assertEquals("activations-" + day + ".jsonl", entry.getName());
            for (String line : new String(tar.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                ids.add(HearthApi.parse(line).asJsonObject().getString("id"));
            }
        }
        assertTrue(ids.contains(id), "the archive holds the old activation " + id + ": " + ids);
        assertEquals(404, get("dev", "/activations/" + id).status(), "and it left the activations");
    }

    /**
     * Saves the page as docs/console/NAME.png and checks it with axe-core; the problems are asserted
     * after the test's steps ({@link #noSeriousAccessibilityProblems}), so that one shows them all.
     */
    private void shown(ConsoleBrowser browser, String name) {
        browser.screenshot(name);
        browser.seriousAccessibilityProblems().forEach(problem -> accessibility.add(name + ": " + problem));
    }

    @AfterEach
    void noSeriousAccessibilityProblems() {
        assertEquals(List.of(), accessibility, "serious accessibility problems");
    }

    private static void setTarget(ConsoleBrowser browser, int target) {
        WebElement field = row(browser, "pools", "python3").findElement(By.name("warmingTarget"));
        field.clear();
        field.sendKeys(String.valueOf(target));
        browser.press(row(browser, "pools", "python3").findElement(By.xpath(".//button[.='Set']")));
    }

    private static void setRetention(ConsoleBrowser browser, int days) {
        WebElement field = browser.find(By.name("retentionDays"));
        field.clear();
        field.sendKeys(String.valueOf(days));
        browser.press(browser.find(By.xpath("//button[.='Save']")));
    }

    private static WebElement row(ConsoleBrowser browser, String table, String first) {
        return row(browser, table, 1, first);
    }

    /** The row of the table whose cell {@code column} (from 1) is {@code text}. */
    private static WebElement row(ConsoleBrowser browser, String table, int column, String text) {
        return browser.find(
                By.xpath("//table[@id='" + table + "']//tr[td[" + column + "][normalize-space()='" + text + "']]"));
    }

    /** Opens {@code page} again and again until the cell is as {@code wanted} (the row may come and go meanwhile). */
    private static void awaitCell(
            ConsoleBrowser browser, String page, String table, String first, int column, Predicate<String> wanted) {
        Fleet.await(
                () -> {
                    browser.open(page);
                    List<WebElement> rows = browser.findAll(By.xpath("//table[@id='" + table
                            + "']//tr[td[1][normalize-space()='" + first + "']]/td[" + column + "]"));
                    return rows.isEmpty() ? "" : rows.get(0).getText();
                },
                wanted,
                Duration.ofSeconds(90),
                table + " row " + first + " column " + column);
    }

    /** The text of cell {@code column} (from 1) in the row whose first cell is {@code first}. */
    private static String cell(ConsoleBrowser browser, String table, String first, int column) {
        return row(browser, table, first)
                .findElement(By.xpath("td[" + column + "]"))
                .getText();
    }

    private static List<String> column(ConsoleBrowser browser, String table, int column) {
        return browser.findAll(By.xpath("//table[@id='" + table + "']//tr/td[" + column + "]")).stream()
                .map(WebElement::getText)
                .toList();
    }
}
