package dev.hearth.it;

import static dev.hearth.it.HearthApi.KEYCLOAK;
import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.post;
import static dev.hearth.it.HearthApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's browser sign-in as a browser does it: redirect to Keycloak, its login form, the
 * code back to the console, a session cookie; then what each role sees, and that the API's own
 * mechanism (bearer tokens only) is untouched.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleSignInIT {

    private static final String CONSOLE =
            URI.create(HearthApi.API).resolve("/console").toString();
    private static final String AUTH_ENDPOINT = KEYCLOAK + "/realms/hearth/protocol/openid-connect/auth";
    private static final String DEV_FUNCTION = "console-dev-fn";
    private static final String DEV2_FUNCTION = "console-dev2-fn";

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @BeforeAll
    static void developersOwnFunctionsThatRan() {
        for (String[] owned : new String[][] {{"dev", DEV_FUNCTION}, {"dev2", DEV2_FUNCTION}}) {
            int status = put(owned[0], "/functions/" + owned[1], "application/zip", Archives.example("hello-python"))
                    .status();
            assertTrue(status == 201 || status == 200, "upload answered " + status);
        }
        assertEquals(
                200,
                post("dev", "/functions/" + DEV_FUNCTION + "/invocations", "application/json", "{}")
                        .status());
    }

    @Test
    void withoutASessionTheConsoleRedirectsToKeycloakForTheConsoleClient() {
        Browser browser = new Browser();
        HttpResponse<String> answer = browser.get(CONSOLE + "/");
        assertEquals(302, answer.statusCode());
        String location = location(answer);
        assertTrue(location.startsWith(AUTH_ENDPOINT + "?"), location);
        Map<String, String> query = query(location);
        assertEquals("hearth-console", query.get("client_id"));
        assertEquals(CONSOLE + "/callback", query.get("redirect_uri"));
        assertEquals("code", query.get("response_type"));
        assertNotNull(query.get("state"));

        HttpResponse<String> poolForm =
                browser.post(CONSOLE + "/pools", "runtime=python3&warmingTarget=1&maxPerHost=1");
        assertEquals(302, poolForm.statusCode(), "a form without a session starts a sign-in");
        assertTrue(location(poolForm).startsWith(AUTH_ENDPOINT), location(poolForm));
    }

    @Test
    void aDeveloperSignsInAndSeesOwnFunctionsWithTheirActivations() {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.signIn("dev");

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("Signed in as <strong>dev</strong>"), page.body());
        assertTrue(page.body().contains(">" + DEV_FUNCTION + "</a></td><td>dev</td>"), page.body());
        assertTrue(page.body().contains(" success, "), "the latest activation: " + page.body());
        assertFalse(page.body().contains(DEV2_FUNCTION), "another developer's function");
        assertFalse(page.body().contains("Warming pools"), "pools are for admins");

        assertEquals(
                403,
                browser.post(CONSOLE + "/pools", "runtime=python3&warmingTarget=0&maxPerHost=4")
                        .statusCode());
    }

    @Test
    void anAdminSeesPoolsHostsAndEveryFunction() {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.signIn("admin");

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Signed in as <strong>admin</strong>"), page.body());
        assertTrue(page.body().contains("<table id=\"pools\">"), page.body());
        assertTrue(page.body().contains("<tr><td>python3</td>"), page.body());
        assertTrue(page.body().contains("<table id=\"hosts\">"), page.body());
        assertTrue(page.body().contains("<td>local</td><td>healthy</td>"), page.body());
        assertTrue(page.body().contains(">" + DEV_FUNCTION + "</a></td>"), page.body());
        assertTrue(page.body().contains(">" + DEV2_FUNCTION + "</a></td>"), page.body());

        assertEquals(
                403,
                browser.post(CONSOLE + "/pools", "runtime=python3&warmingTarget=0&maxPerHost=4&csrf=forged")
                        .statusCode(),
                "a form without the session's token");
    }

    @Test
    void anInvokerIsSignedInButForbidden() {
        HttpResponse<String> page = new Browser().signIn("invoker");
        assertEquals(403, page.statusCode(), page.body());
        assertTrue(page.body().contains("invoker may not use the console"), page.body());
    }

    @Test
    void signingOutEndsTheConsoleAndTheKeycloakSession() {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.signIn("dev");
        String csrf = match(page.body(), "name=\"csrf\" value=\"([^\"]+)\"");

        HttpResponse<String> signOut = browser.post(CONSOLE + "/sign-out", "csrf=" + encode(csrf));
        assertEquals(302, signOut.statusCode());
        assertTrue(location(signOut).startsWith(KEYCLOAK + "/realms/hearth/protocol/openid-connect/logout?"));
        assertEquals(CONSOLE + "/signed-out", query(location(signOut)).get("post_logout_redirect_uri"));
        HttpResponse<String> signedOut = browser.follow(signOut);
        assertEquals(200, signedOut.statusCode(), signedOut.body());
        assertTrue(signedOut.body().contains("You are signed out"), signedOut.body());

        HttpResponse<String> again = browser.get(CONSOLE + "/");
        assertEquals(302, again.statusCode());
        HttpResponse<String> login = browser.follow(again);
        assertTrue(login.body().contains("kc-form-login"), "Keycloak asks for the password again");
    }

    @Test
    void theApiKeepsItsOwnMechanism() {
        HearthApi.Answer answer = get(null, "/functions");
        assertEquals(401, answer.status());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertEquals(401, answer.json().getInt("status"));
        assertNull(answer.header("Location"), "the API never redirects to a sign-in page");
    }

    /** A browser: its own cookie jar, redirects followed one at a time so each can be checked. */
    private static final class Browser {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new LoopbackIsSecure(new CookieManager(null, CookiePolicy.ACCEPT_ALL)))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        /** The whole sign-in, from the console to Keycloak's login form and back to the console. */
        HttpResponse<String> signIn(String user) {
            HttpResponse<String> login = follow(get(CONSOLE + "/"));
            assertEquals(200, login.statusCode(), "Keycloak's login page");
            String action = match(login.body(), "<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"")
                    .replace("&amp;", "&");
            HttpResponse<String> back =
                    post(action, "username=" + encode(user) + "&password=" + encode(user + "-pass") + "&credentialId=");
            assertEquals(302, back.statusCode(), "Keycloak accepted the password: " + back.body());
            assertTrue(location(back).startsWith(CONSOLE + "/callback?"), location(back));
            return follow(back);
        }

        HttpResponse<String> get(String url) {
            return send(HttpRequest.newBuilder(URI.create(url)).GET());
        }

        HttpResponse<String> post(String url, String form) {
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        /** Follows redirects (at most ten) from {@code answer} and returns the first non-redirect. */
        HttpResponse<String> follow(HttpResponse<String> answer) {
            for (int hops = 0; hops < 10 && answer.statusCode() / 100 == 3; hops++) {
                answer = get(answer.uri().resolve(location(answer)).toString());
            }
            return answer;
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Browsers treat http://127.0.0.1 as a secure context and send it cookies marked {@code Secure}
     * (Keycloak marks its login cookies so); the JDK's cookie manager sends those over https only.
     */
    private static final class LoopbackIsSecure extends CookieHandler {

        private final CookieHandler jar;

        LoopbackIsSecure(CookieHandler jar) {
            this.jar = jar;
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            return jar.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            Map<String, List<String>> insecure = new HashMap<>();
            headers.forEach((name, values) -> insecure.put(
                    name,
                    "Set-Cookie".equalsIgnoreCase(name) && "127.0.0.1".equals(uri.getHost())
                            ? values.stream()
                                    .map(value -> value.replaceAll("(?i);\\s*Secure(?=;|$)", ""))
                                    .toList()
                            : values));
            jar.put(uri, insecure);
        }
    }

    private static String location(HttpResponse<String> answer) {
        return answer.headers().firstValue("Location").orElse("");
    }

    private static Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        pair -> pair[0],
                        pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
                        (first, second) -> first));
    }

    private static String match(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), "no " + regex + " in " + text);
        return matcher.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
