package dev.hearth.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real, headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by
 * {@code ./hearth}) with a fresh profile, driven through WebDriver. The paths of both are given, so
 * that Selenium Manager never runs (it would look for or download drivers); the flags and a host
 * resolver that knows no name but localhost keep Chromium's background services off the network:
 * it reaches only the loopback URLs a test opens. Downloads go, without asking, to a folder of the
 * profile ({@link #download}).
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CONSOLE =
            java.net.URI.create(HearthApi.API).resolve("/console").toString();

    /** Desktop width; {@link #phone()} switches to a phone's. */
    private static final Dimension DESKTOP = new Dimension(1280, 900);

    private static final Dimension PHONE = new Dimension(390, 844);

    /** The tallest screenshot: a whole page up to this height. */
    private static final int TALLEST = 2400;

    private final Path profile;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private ConsoleBrowser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static ConsoleBrowser start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("hearth-chromium-");
            Files.createDirectories(downloads(profile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-default-apps",
                        "--disable-extensions",
                        "--disable-domain-reliability",
                        "--disable-client-side-phishing-detection",
                        "--metrics-recording-only",
                        "--no-default-browser-check",
                        "--no-proxy-server",
                        "--password-store=basic",
                        "--disable-features=Translate,OptimizationHints,MediaRouter,PasswordLeakDetection",
                        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                        "--user-data-dir=" + profile,
                        "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "credentials_enable_service", false,
                        "profile.password_manager_enabled", false,
                        "profile.password_manager_leak_detection", false,
                        "download.default_directory", downloads(profile).toString(),
                        "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new ConsoleBrowser(profile, driver);
    }

    /** Opens the console, types the user's password into Keycloak's login form, and returns on the console. */
    ConsoleBrowser signIn(String user) {
        open("/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        assertTrue(driver.getCurrentUrl().startsWith(HearthApi.KEYCLOAK + "/realms/hearth/"), driver.getCurrentUrl());
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user + "-pass");
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlMatches("^" + java.util.regex.Pattern.quote(CONSOLE) + "/(\\?.*)?$"));
        return this;
    }

    /** Presses the page's "Sign out" button and waits for the signed-out page. */
    void signOut() {
        driver.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        wait.until(ExpectedConditions.urlToBe(CONSOLE + "/signed-out"));
    }

    void open(String path) {
        driver.get(CONSOLE + path);
    }

    /** Follows the link with this text and waits until the next page has loaded. */
    void follow(String linkText) {
        WebElement link = driver.findElement(By.linkText(linkText));
        link.click();
        awaitGone(link);
    }

    /** Presses the button and waits until the page it posts to has been replaced by the next, loaded. */
    void press(WebElement button) {
        button.click();
        awaitGone(button);
    }

    /**
     * Waits until the element's page has been replaced and the next one has loaded. Asked in the
     * middle of the swap, Chromium may answer that the node "does not belong to the document"
     * rather than that it is stale: gone as well.
     */
    private void awaitGone(WebElement element) {
        wait.until(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
        awaitLoaded();
    }

    /** The old page goes before the next one is whole: its elements are not to be looked for until then. */
    private void awaitLoaded() {
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Waits, without reloading the page, until the attribute of the element {@code by} finds is a
     * number above {@code than}; that number. The element may be replaced meanwhile.
     */
    long awaitAbove(By by, String attribute, long than) {
        return wait.until(d -> {
            try {
                long now = number(by, attribute);
                return now > than ? now : null;
            } catch (StaleElementReferenceException replacedWhileRead) {
                return null;
            }
        });
    }

    /** The attribute of the element {@code by} finds, a whole number. */
    long number(By by, String attribute) {
        return Long.parseLong(driver.findElement(by).getAttribute(attribute));
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The page's HTML as the browser holds it now. */
    String source() {
        return driver.getPageSource();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /**
     * The page's serious and critical accessibility problems as axe-core (the version
     * src/it/axe/package-lock.json pins, installed by ./hearth) finds them: one line each.
     */
    List<String> seriousAccessibilityProblems() {
        JavascriptExecutor page = driver;
        page.executeScript(axe());
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>)
                page.executeAsyncScript(
                        """
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                    .then(result => done(result.violations
                        .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
                        .map(violation => violation.id + ': ' + violation.help + ' at '
                            + violation.nodes.map(node => node.target.join(' ')).join(', '))))
                    .catch(error => done(['axe-core failed: ' + error]));
                """);
        return problems;
    }

    private static String axe() {
        Path script = Path.of(ItSettings.required("hearth.repo"), "src/it/axe/node_modules/axe-core/axe.min.js");
        try {
            return Files.readString(script);
        } catch (IOException e) {
            throw new UncheckedIOException(script + ": install it with HEARTH_TEST_BROWSER=true ./hearth deps", e);
        }
    }

    /**
     * Clicks the link and waits until the browser has saved what it points to under {@code
     * fileName}: the file's content.
     */
    byte[] download(WebElement link, String fileName) {
        Path file = downloads(profile).resolve(fileName);
        Path partial = downloads(profile).resolve(fileName + ".crdownload");
        link.click();
        wait.until(d -> Files.isRegularFile(file) && !Files.exists(partial));
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path downloads(Path profile) {
        return profile.resolve("downloads");
    }

    /** Whether the page is wider than the window (tables scroll inside their own box, the page must not). */
    boolean scrollsSideways() {
        Object wider = ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth > window.innerWidth;");
        return Boolean.TRUE.equals(wider);
    }

    void phone() {
        driver.manage().window().setSize(PHONE);
    }

    void desktop() {
        driver.manage().window().setSize(DESKTOP);
    }

    /** The whole page (up to {@link #TALLEST}) at the window's width, as {@code docs/console/NAME.png}. */
    void screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long height =
                (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(window.width, (int)
                Math.min(TALLEST, Math.max(window.height, height))));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
        try {
            Path folder = Path.of(ItSettings.required("hearth.repo"), "docs", "console");
            Files.createDirectories(folder);
            Files.write(folder.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
