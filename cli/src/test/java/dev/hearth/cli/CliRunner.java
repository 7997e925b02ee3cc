package dev.hearth.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in this JVM with a config folder of its own, as a user would from a shell. */
final class CliRunner {

    record Result(int exit, String out, String err) {}

    private final Map<String, String> variables = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private boolean errIsTerminal;

    CliRunner(Path configHome) {
        variables.put("XDG_CONFIG_HOME", configHome.toString());
        variables.put("HOME", configHome.toString());
    }

    CliRunner with(String variable, String value) {
        variables.put(variable, value);
        return this;
    }

    /** Standard error as a terminal: a person watching. */
    CliRunner onATerminal() {
        this.errIsTerminal = true;
        return this;
    }

    CliRunner at(Clock clock) {
        this.clock = clock;
        return this;
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    /** A run in a thread of its own, for a command that waits for someone (a browser). */
    final class Started {
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final java.util.concurrent.CompletableFuture<Result> result;

        Started(String... args) {
            Environment environment = new Environment(
                    variables,
                    new ByteArrayInputStream(new byte[0]),
                    false,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    errIsTerminal);
            result = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                int exit = HearthCli.run(args, environment, clock);
                return new Result(exit, stdout(), stderr());
            });
        }

        synchronized String stdout() {
            return out.toString(StandardCharsets.UTF_8);
        }

        synchronized String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** Standard error's first line that starts with {@code prefix}, once it is printed (10 s at most). */
        String awaitLine(String prefix) throws InterruptedException {
            return awaitLine(prefix, true);
        }

        /** The same on standard output. */
        String awaitOutputLine(String prefix) throws InterruptedException {
            return awaitLine(prefix, false);
        }

        private String awaitLine(String prefix, boolean onStderr) throws InterruptedException {
            for (int i = 0; i < 200; i++) {
                java.util.Optional<String> line = (onStderr ? stderr() : stdout())
                        .lines()
                        .filter(l -> l.startsWith(prefix))
                        .findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no line starting with '" + prefix + "' in: " + (onStderr ? stderr() : stdout()));
        }

        Result await() throws Exception {
            return result.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    Started start(String... args) {
        return new Started(args);
    }

    Result runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment environment = new Environment(
                variables,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                false,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                errIsTerminal);
        int exit = HearthCli.run(args, environment, clock);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Points the default profile at {@code server}: API under /api/v1, realm under /realm. */
    CliRunner against(ScriptedServer server) {
        Result set = run(
                "profile", "set", "default", "--api-url", server.url("/api/v1"), "--realm-url", server.url("/realm"));
        if (set.exit() != 0) {
            throw new AssertionError(set.err());
        }
        return this;
    }

    /** A token answer whose access token names {@code user} and lasts {@code seconds}. */
    static String tokenAnswer(String user, String accessTag, long seconds, String refreshToken) {
        String payload = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"preferred_username\":\"" + user + "\",\"tag\":\"" + accessTag + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        List<String> members = new ArrayList<>();
        members.add("\"access_token\":\"eyJhbGciOiJub25lIn0." + payload + ".sig\"");
        members.add("\"expires_in\":" + seconds);
        if (refreshToken != null) {
            members.add("\"refresh_token\":\"" + refreshToken + "\"");
            members.add("\"refresh_expires_in\":1800");
        }
        members.add("\"token_type\":\"Bearer\"");
        return "{" + String.join(",", members) + "}";
    }
}
