package dev.hearth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hearth-cli man}: pages that say what {@code --help} says, as troff. */
class ManualTest {

    /** A character troff reads as markup: a hyphen, double quote or backslash not escaped. */
    private static final Pattern UNESCAPED = Pattern.compile("(?<!\\\\)-|\"|\\\\(?![-&(]|f[BIR])");

    @TempDir
    Path home;

    private final CommandSpec model = new CommandLine(new HearthCli(null, Clock.systemUTC())).getCommandSpec();

    /** The CLI on a fixed day: the pages' date. */
    private CliRunner cli() {
        return new CliRunner(home).at(Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void theRootPageHasTheSynopsisOptionsAndCommandsOfHelp() {
        CliRunner.Result man = cli().run("man");

        assertEquals(0, man.exit(), man.err());
        assertTrue(man.out().startsWith(".TH \"HEARTH\\-CLI\" \"1\" \"2026\\-12\\-04\" \"hearth\\-cli "), man.out());
        assertSaysWhatHelpSays(model, man.out());
        for (String command : List.of("login", "deploy", "invoke", "jobs", "admin", "completion", "man")) {
            assertTrue(plain(man.out()).contains("hearth-cli-" + command + "(1)"), command);
        }
    }

    @Test
    void aSubcommandsPageHasItsOwnOptionsParametersAndTheGlobalOnes() throws IOException {
        Path pages = home.resolve("man1");
        assertEquals(0, cli().run("man", "--dir", pages.toString()).exit());

        CommandSpec deploy = model.subcommands().get("deploy").getCommandSpec();
        String page = Files.readString(pages.resolve("hearth-cli-deploy.1"));
        assertSaysWhatHelpSays(deploy, page);
        assertTrue(plain(page).contains("\n--name=NAME\n"), page);
        assertTrue(plain(page).contains("\n-o, --output=FORMAT\n"), page);
        assertTrue(plain(page).contains("\nDIR|ARCHIVE\n"), page);
        assertTrue(plain(page).contains(".SH \"SEE ALSO\"\nhearth-cli(1)\n"), page);
    }

    @Test
    void aNestedCommandsPageLinksItsParentAndChildren() throws IOException {
        Path pages = home.resolve("man1");
        assertEquals(0, cli().run("man", "--dir", pages.toString()).exit());

        CommandSpec pools =
                model.subcommands().get("admin").getSubcommands().get("pools").getCommandSpec();
        String page = Files.readString(pages.resolve("hearth-cli-admin-pools.1"));
        assertSaysWhatHelpSays(pools, page);
        assertTrue(page.startsWith(".TH \"HEARTH\\-CLI\\-ADMIN\\-POOLS\" \"1\""), page);
        assertTrue(plain(page).contains("\nhearth-cli-admin-pools - Every runtime's warming pool"), page);
        assertTrue(plain(page).contains("\nhearth-cli-admin(1), hearth-cli-admin-pools-set(1)\n"), page);

        CommandSpec set = pools.subcommands().get("set").getCommandSpec();
        assertSaysWhatHelpSays(set, Files.readString(pages.resolve("hearth-cli-admin-pools-set.1")));
    }

    @Test
    void theFolderGetsAPageForEveryCommand() throws IOException {
        Path pages = home.resolve("share/man/man1");

        CliRunner.Result written = cli().run("man", "--dir", pages.toString());

        assertEquals(0, written.exit(), written.err());
        List<String> names = new ArrayList<>();
        collectPageNames(model, names);
        assertTrue(names.containsAll(List.of("hearth-cli.1", "hearth-cli-deploy.1", "hearth-cli-admin-pools-set.1")));
        Set<String> files;
        try (Stream<Path> listed = Files.list(pages)) {
            files = listed.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(names), files);
        assertEquals("wrote " + names.size() + " manual pages into " + pages + "\n", written.err());
        assertEquals("", written.out());
        assertEquals(cli().run("man").out(), Files.readString(pages.resolve("hearth-cli.1")));
    }

    @Test
    void theTextOfEveryPageIsEscaped() throws IOException {
        Path pages = home.resolve("man1");
        cli().run("man", "--dir", pages.toString());
        try (Stream<Path> listed = Files.list(pages)) {
            for (Path file : listed.toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.startsWith(".")) {
                        assertFalse(UNESCAPED.matcher(line).find(), file.getFileName() + ": " + line);
                    }
                }
            }
        }
        String secretsSet = Files.readString(pages.resolve("hearth-cli-secrets-set.1"));
        assertTrue(
                secretsSet.contains("Example: printf %s \\(dq$KEY\\(dq | hearth\\-cli secrets set NAME api_key\n"),
                secretsSet);
    }

    @Test
    void aFolderThatCannotBeMadeIsAFailure() throws IOException {
        Path file = Files.writeString(home.resolve("taken"), "");

        CliRunner.Result written =
                cli().run("man", "--dir", file.resolve("man1").toString());

        assertEquals(1, written.exit());
        assertTrue(written.err().startsWith("error: man: cannot write " + file.resolve("man1")), written.err());
    }

    /**
     * The page holds {@code --help}'s synopsis (whitespace aside: picocli breaks it at its width,
     * troff where the reader's terminal needs), every visible option and parameter with each line
     * of its description, and every subcommand's name and first line.
     */
    private static void assertSaysWhatHelpSays(CommandSpec command, String troff) {
        String page = plain(troff);
        String usage = new CommandLine.Help(command, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .synopsis(0);
        String synopsis =
                page.substring(page.indexOf(".SH \"SYNOPSIS\"\n") + 15, page.indexOf("\n.SH \"DESCRIPTION\""));
        assertEquals(usage.replaceAll("\\s", ""), synopsis.replaceAll("\\s", ""));

        List<ArgSpec> args = new ArrayList<>(command.options());
        args.addAll(command.positionalParameters());
        assertFalse(args.isEmpty());
        for (ArgSpec arg : args) {
            String names =
                    arg.isOption() ? String.join(", ", ((CommandLine.Model.OptionSpec) arg).names()) : arg.paramLabel();
            for (String name : names.split(", ")) {
                assertTrue(page.contains(name), command.qualifiedName() + ": " + name);
            }
            for (String line : arg.description()) {
                assertTrue(page.contains("\n" + line + "\n"), command.qualifiedName() + " " + names + ": " + line);
            }
        }
        for (CommandLine sub : new LinkedHashSet<>(command.subcommands().values())) {
            CommandSpec spec = sub.getCommandSpec();
            assertTrue(
                    page.contains(
                            "\n.TP\n" + spec.name() + "\n" + spec.usageMessage().description()[0] + "\n"),
                    command.qualifiedName() + ": " + spec.name());
            assertTrue(page.contains(spec.qualifiedName("-") + "(1)"), spec.qualifiedName());
        }
    }

    private static void collectPageNames(CommandSpec command, List<String> names) {
        names.add(command.qualifiedName("-") + ".1");
        new LinkedHashSet<>(command.subcommands().values())
                .forEach(sub -> collectPageNames(sub.getCommandSpec(), names));
    }

    /** The page's text as a reader sees it: without the font changes and escapes. */
    private static String plain(String troff) {
        return troff.replace("\\fB", "")
                .replace("\\fI", "")
                .replace("\\fR", "")
                .replace("\\&", "")
                .replace("\\-", "-")
                .replace("\\(dq", "\"")
                .replace("\\(rs", "\\");
    }
}
