package dev.hearth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests of commands that call the API: each signed in as dev (the script flow) to a scripted server of its own. */
abstract class ScriptedApiTest {

    @TempDir
    Path home;

    ScriptedServer server;
    CliRunner cli;

    @BeforeEach
    void signedIn() throws IOException {
        server = new ScriptedServer().realm();
        server.json("POST /realm/token", 200, CliRunner.tokenAnswer("dev", "a1", 300, "rt-secret-1"));
        cli = new CliRunner(home).against(server);
        assertEquals(
                0,
                cli.runWithInput("dev-pass\n", "login", "--username", "dev", "--password-stdin")
                        .exit());
    }

    /** The command judged before sending: the API saw nothing. */
    void assertNothingSentToTheApi() {
        assertEquals(
                List.of(),
                server.requests.stream()
                        .filter(r -> r.path().startsWith("/api/"))
                        .toList());
    }

    @AfterEach
    void stop() {
        server.close();
    }
}
