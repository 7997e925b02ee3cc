package dev.hearth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
