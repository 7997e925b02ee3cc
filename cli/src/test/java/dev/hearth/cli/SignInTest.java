package dev.hearth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.cli.auth.Pkce;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing in and out against a scripted realm, and the tokens kept in between. */
class SignInTest {

    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path home;

    private ScriptedServer server;
    private CliRunner cli;

    @BeforeEach
    void realm() throws IOException {
        server = new ScriptedServer().realm();
        server.json("GET /api/v1/functions", 200, "[]");
        cli = new CliRunner(home).against(server).at(Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path tokenFile() {
        return home.resolve("hearth/tokens/default.json");
    }

    @Test
    void theScriptFlowReadsThePasswordFromStandardInputAndKeepsTheTokensPrivate() throws IOException {
        server.json("POST /realm/token", 200, CliRunner.tokenAnswer("dev", "a1", 300, "r1"));

        CliRunner.Result login = cli.runWithInput("dev-pass\n", "login", "--username", "dev", "--password-stdin");

        assertEquals(0, login.exit(), login.err());
        assertTrue(login.err().startsWith("signed in as dev to " + server.url("/realm")), login.err());
        String form = server.requests("POST /realm/token").get(0).body();
        assertTrue(form.contains("grant_type=password"), form);
        assertTrue(form.contains("client_id=hearth-cli"), form);
        assertTrue(form.contains("username=dev&password=dev-pass"), form);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile())));
        assertEquals(
                "rwx------",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(tokenFile().getParent())));
    }

    @Test
    void aTokenFolderOpenToOthersIsClosedAtTheNextSignIn() throws IOException {
        Files.createDirectories(tokenFile().getParent());
        Files.setPosixFilePermissions(tokenFile().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        server.json("POST /realm/token", 200, CliRunner.tokenAnswer("dev", "a1", 300, "r1"));

        cli.runWithInput("dev-pass\n", "login", "--username", "dev", "--password-stdin");

        assertEquals(
                "rwx------",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(tokenFile().getParent())));
    }

    @Test
    void wrongCredentialsAreRefused() {
        server.json(
                "POST /realm/token",
                401,
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}");
        CliRunner.Result login = cli.runWithInput("nope\n", "login", "--username", "dev", "--password-stdin");
        assertEquals(4, login.exit());
        assertEquals("error: invalid_grant: Invalid user credentials\n", login.err());
        assertFalse(Files.exists(tokenFile()));
    }

    @Test
    void anExpiredAccessTokenIsRefreshedWithoutAsking() {
        server.json("POST /realm/token", 200, CliRunner.tokenAnswer("dev", "first", 300, "r1"));
        server.json("POST /realm/token", 200, CliRunner.tokenAnswer("dev", "second", 300, "r2"));
        cli.runWithInput("dev-pass\n", "login", "--username", "dev", "--password-stdin");

        assertEquals(0, cli.run("list").exit());
        assertEquals(1, server.requests("POST /realm/token").size(), "a fresh token is used as it is");

        CliRunner later = new CliRunner(home).at(Clock.fixed(T0.plusSeconds(290), ZoneOffset.UTC));
        assertEquals(0, later.run("list").exit());

        assertEquals(2, server.requests("POST /realm/token").size());
        String refresh = server.requests("POST /realm/token").get(1).body();
        assertTrue(refresh.contains("grant_type=refresh_token&refresh_token=r1"), refresh);
        String lastBearer = server.requests("GET /api/v1/functions").get(1).header("Authorization");
        assertEquals(tokenOf("second"), lastBearer.substring("Bearer ".length()));
        assertEquals(0, later.run("list").exit());
        assertEquals(2, server.requests("POST /realm/token").size(), "the refreshed token was kept");
    }

    @Test
    void aSessionTheRealmEndedMeansSigningInAgain() {
        server.json("POST /realm/token", 200, CliRunner.tokenAnswer("dev", "first", 300, "r1"));
        server.json(
                "POST /realm/token", 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Session not active\"}");
        cli.runWithInput("dev-pass\n", "login", "--username", "dev", "--password-stdin");

        CliRunner.Result later = new CliRunner(home)
                .at(Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC))
                .run("list");

        assertEquals(4, later.exit());
        assertEquals("error: not-signed-in: sign in first: hearth-cli login\n", later.err());
        assertFalse(Files.exists(tokenFile()));
    }

    @Test
    void withoutSignInNothingIsSent() {
        CliRunner.Result list = cli.run("list", "--profile", "other");
        assertEquals(4, list.exit());
        assertEquals("error: not-signed-in: sign in first: hearth-cli login --profile other\n", list.err());
    }

    @Test
    void theDeviceFlowPrintsTheCodeAndPollsUntilGranted() {
        server.json(
                "POST /realm/device",
                200,
                "{\"device_code\":\"dc1\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\""
                        + server.url("/realm/device")
                        + "\",\"verification_uri_complete\":\"" + server.url("/realm/device?user_code=WDJB-MJHT")
                        + "\",\"expires_in\":600,\"interval\":0}");
        server.json("POST /realm/token", 400, "{\"error\":\"authorization_pending\"}");
        server.json("POST /realm/token", 400, "{\"error\":\"authorization_pending\"}");
        server.json("POST /realm/token", 200, CliRunner.tokenAnswer("dev", "device", 300, "r1"));

        CliRunner.Result login = new CliRunner(home).run("login");

        assertEquals(0, login.exit(), login.err());
        assertTrue(
                login.err()
                        .startsWith(
                                "To sign in, open " + server.url("/realm/device") + " and enter the code WDJB-MJHT\n"),
                login.err());
        assertTrue(login.err().contains("signed in as dev"), login.err());
        assertEquals(3, server.requests("POST /realm/token").size());
        String poll = server.requests("POST /realm/token").get(0).body();
        assertTrue(poll.contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"), poll);
        assertTrue(poll.contains("device_code=dc1"), poll);
        Map<String, String> start =
                query(server.requests("POST /realm/device").get(0).body());
        assertEquals("S256", start.get("code_challenge_method"));
        assertEquals(start.get("code_challenge"), Pkce.challengeOf(query(poll).get("code_verifier")));
        assertTrue(Files.exists(tokenFile()));
    }

    @Test
    void aDeniedDeviceSignInIsRefused() {
        server.json(
                "POST /realm/device",
                200,
                "{\"device_code\":\"dc1\",\"user_code\":\"C\",\"verification_uri\":\"http://127.0.0.1/x\","
                        + "\"expires_in\":600,\"interval\":0}");
        server.json(
                "POST /realm/token",
                400,
                "{\"error\":\"access_denied\",\"error_description\":\"The end user denied the authorization request\"}");
        CliRunner.Result login = new CliRunner(home).run("login");
        assertEquals(4, login.exit());
        assertTrue(login.err().endsWith("error: access_denied: The end user denied the authorization request\n"));
        assertFalse(Files.exists(tokenFile()));
    }

    @Test
    void theBrowserFlowSendsPkceAndAStateAndTakesTheCodeOnLoopback() throws Exception {
        server.json("POST /realm/token", 200, CliRunner.tokenAnswer("dev", "browser", 300, "r1"));
        CliRunner.Started login = new CliRunner(home).start("login", "--browser");

        Map<String, String> request = query(authorizationUrl(login));
        assertEquals("code", request.get("response_type"));
        assertEquals("hearth-cli", request.get("client_id"));
        assertEquals("openid", request.get("scope"));
        assertEquals("S256", request.get("code_challenge_method"));
        assertTrue(request.get("redirect_uri").matches("http://127\\.0\\.0\\.1:[0-9]+/callback"), request.toString());
        HttpResponse<String> page = browserComesBack(
                request.get("redirect_uri") + "?state=" + request.get("state") + "&session_state=s&code=the-code");

        CliRunner.Result result = login.await();
        assertEquals(0, result.exit(), result.err());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Signed in"), page.body());
        assertTrue(result.err().contains("signed in as dev to " + server.url("/realm")), result.err());
        Map<String, String> exchange =
                query(server.requests("POST /realm/token").get(0).body());
        assertEquals("authorization_code", exchange.get("grant_type"));
        assertEquals("the-code", exchange.get("code"));
        assertEquals(request.get("redirect_uri"), exchange.get("redirect_uri"));
        assertEquals(request.get("code_challenge"), Pkce.challengeOf(exchange.get("code_verifier")));
        assertTrue(Files.exists(tokenFile()));
    }

    @Test
    void aRedirectWithAnotherStateOrAnErrorSignsNobodyIn() throws Exception {
        CliRunner.Started forged = new CliRunner(home).start("login", "--browser");
        Map<String, String> request = query(authorizationUrl(forged));
        HttpResponse<String> page = browserComesBack(request.get("redirect_uri") + "?state=not-mine&code=c");
        CliRunner.Result result = forged.await();
        assertEquals(4, result.exit());
        assertEquals(400, page.statusCode());
        assertTrue(
                result.err()
                        .endsWith("error: state-mismatch: the browser came back with another sign-in's state:"
                                + " ignored\n"),
                result.err());

        CliRunner.Started denied = new CliRunner(home).start("login", "--browser");
        request = query(authorizationUrl(denied));
        browserComesBack(request.get("redirect_uri") + "?state=" + request.get("state")
                + "&error=access_denied&error_description=No%20thanks");
        result = denied.await();
        assertEquals(4, result.exit());
        assertTrue(result.err().endsWith("error: access_denied: No thanks\n"), result.err());
        assertEquals(List.of(), server.requests("POST /realm/token"));
        assertFalse(Files.exists(tokenFile()));
    }

    private String authorizationUrl(CliRunner.Started login) throws InterruptedException {
        String line = login.awaitLine("To sign in, open in a browser on this machine: ");
        String url = line.substring(line.indexOf(": ") + 2);
        assertTrue(url.startsWith(server.url("/realm/auth?")), url);
        return url.substring(url.indexOf('?') + 1);
    }

    private static HttpResponse<String> browserComesBack(String redirect) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(redirect)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> query(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            parameters.put(
                    URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Test
    void logoutRevokesTheRefreshTokenAndForgetsTheTokens() {
        server.json("POST /realm/token", 200, CliRunner.tokenAnswer("dev", "a1", 300, "r1"));
        server.on("POST /realm/revoke", 200, "application/json", "");
        cli.runWithInput("dev-pass\n", "login", "--username", "dev", "--password-stdin");

        CliRunner.Result logout = cli.run("logout");

        assertEquals(0, logout.exit(), logout.err());
        String revocation = server.requests("POST /realm/revoke").get(0).body();
        assertEquals("client_id=hearth-cli&token=r1&token_type_hint=refresh_token", revocation);
        assertFalse(Files.exists(tokenFile()));
        assertEquals(4, cli.run("list").exit());
    }

    private static String tokenOf(String tag) {
        String answer = CliRunner.tokenAnswer("dev", tag, 300, null);
        return answer.substring(answer.indexOf(":\"") + 2, answer.indexOf("\","));
    }
}
