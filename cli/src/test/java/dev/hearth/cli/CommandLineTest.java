package dev.hearth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the command line accepts and refuses, before anything is sent. */
class CommandLineTest {

    @TempDir
    Path home;

    @Test
    void everyCommandHasHelp() {
        CommandLine root = new CommandLine(new HearthCli(null, Clock.systemUTC()));
        List<List<String>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        assertTrue(paths.size() >= 15, "commands found: " + paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRunner.Result help = new CliRunner(home).run(args.toArray(String[]::new));
            assertEquals(0, help.exit(), String.join(" ", args));
            assertTrue(
                    help.out().startsWith("Usage: hearth-cli" + (path.isEmpty() ? "" : " " + String.join(" ", path))),
                    help.out());
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            collect(sub, deeper, paths);
        });
    }

    @Test
    void globalOptionsCountAfterTheCommandToo() {
        CliRunner cli = new CliRunner(home);
        cli.run("profile", "set", "staging", "--api-url", "https://hearth.example/api/v1");

        CliRunner.Result before = cli.run("--profile", "staging", "--output", "json", "profile", "show");
        CliRunner.Result after = cli.run("profile", "show", "--profile", "staging", "-o", "json");

        assertEquals(0, after.exit(), after.err());
        assertEquals(before.out(), after.out());
        assertTrue(after.out().contains("\"apiUrl\": \"https://hearth.example/api/v1\""), after.out());
    }

    @Test
    void theProfileComesFromTheEnvironmentUnlessGiven() {
        CliRunner cli = new CliRunner(home).with("HEARTH_CLI_PROFILE", "ci");
        cli.run("profile", "set", "ci", "--api-url", "https://ci.example/api/v1");

        assertTrue(cli.run("profile", "show").out().contains("https://ci.example/api/v1"));
        assertTrue(cli.run("profile", "show", "--profile", "default").out().contains("http://127.0.0.1:8080/api/v1"));
    }

    @Test
    void aWrongCommandLineExitsTwoWithTheUsage() {
        CliRunner cli = new CliRunner(home);
        CliRunner.Result unknown = cli.run("list", "--colour");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("Unknown option: '--colour'"), unknown.err());
        assertTrue(unknown.err().contains("Usage: hearth-cli list"), unknown.err());

        assertEquals(2, cli.run().exit());
        assertEquals(2, cli.run("get").exit());
        assertEquals(2, cli.run("login", "--username", "dev").exit());
        assertEquals(
                2,
                cli.run("invoke", "f", "--data", "{}", "--data-file", "event.json")
                        .exit());
        assertEquals(2, cli.run("--output", "yaml", "list").exit());
        assertEquals(2, cli.run("profile", "set", "../escape").exit());
        assertEquals(
                2, cli.run("profile", "set", "x", "--api-url", "ftp://host/").exit());
    }

    @Test
    void deployRefusesANameTheServerWould() {
        CliRunner.Result result = new CliRunner(home).run("deploy", home.toString(), "--name", "Not_A_Name");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("'Not_A_Name' is not a function name"), result.err());
    }

    @Test
    void completionIsABashScriptForEveryCommand() {
        CliRunner.Result completion = new CliRunner(home).run("completion");
        assertEquals(0, completion.exit());
        assertTrue(completion.out().contains("complete -F _complete_hearth-cli"), completion.out());
        for (String command :
                List.of("login", "logout", "deploy", "invoke", "activations", "logs", "profile", "jobs", "wait")) {
            assertTrue(completion.out().contains(command), command);
        }
    }

    @Test
    void zshGetsTheSameScriptAfterLoadingItsBashEmulation() {
        CliRunner cli = new CliRunner(home);
        String bash = cli.run("completion", "bash").out();
        CliRunner.Result zsh = cli.run("completion", "zsh");

        assertEquals(0, zsh.exit());
        assertEquals(
                "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + bash, zsh.out());
        assertTrue(bash.contains("init"), "the commands added since are completed too");
        assertEquals(2, cli.run("completion", "fish").exit());
    }
}
