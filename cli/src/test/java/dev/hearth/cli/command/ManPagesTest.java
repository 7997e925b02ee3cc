package dev.hearth.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The parts of a page no hearth-cli command has yet: shown defaults, hidden options and commands. */
class ManPagesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 4);

    @Command(
            name = "tool",
            showDefaultValues = true,
            description = {"Does things.%nOn two lines.", "A third: printf %s."},
            subcommands = {Visible.class, Hidden.class})
    static final class Tool {
        @Option(names = "--limit", paramLabel = "N", description = "At most N.")
        int limit = 5;

        @Option(names = "--retries", defaultValue = "3", description = "Tries again.")
        int retries;

        @Option(names = "--quiet", description = "Say less.")
        boolean quiet;

        @Option(names = "--loud", showDefaultValue = Visibility.ALWAYS, description = "Say more.")
        boolean loud;

        @Option(names = "--secret", showDefaultValue = Visibility.NEVER, description = "Not shown.")
        String secret = "hush";

        @Option(names = "--name", description = "No value, no default.")
        String name;

        @Option(names = "--owner", showDefaultValue = Visibility.ALWAYS, description = "Shown without a value.")
        String owner;

        @Option(names = "--prefix", description = "An empty default.")
        String prefix = "";

        @Option(names = "--colour", arity = "0..1", description = "A value or none.")
        String colour = "auto";

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "Where.")
        String file = "here";

        @Option(names = "--internal", hidden = true, description = "For the tool's own tests.")
        boolean internal;
    }

    @Command(name = "visible", description = "Is listed.")
    static final class Visible {
        @Option(names = "--always", showDefaultValue = Visibility.ALWAYS, description = "Shown always.")
        String always = "yes";

        @Option(names = "--on-demand", description = "Shown if the command asks.")
        String onDemand = "no";
    }

    @Command(name = "hidden", hidden = true, description = "Is not.")
    static final class Hidden {}

    private final CommandSpec tool = new CommandLine(new Tool()).getCommandSpec();

    @Test
    void defaultValuesAreShownWherePicocliShowsThem() {
        String page = ManPages.page(tool, DAY);

        assertEquals(defaults(tool.commandLine().getUsageMessage(), "\\s+Default:"), defaults(page, "Default:"));
        assertTrue(page.contains("\\fB\\-\\-limit\\fR\\fI=N\\fR\nAt most N.\n.br\nDefault: 5\n"), page);
        assertTrue(page.contains("\nSay less.\n.TP\n"), page);
        assertTrue(page.contains("\nSay more.\n.br\nDefault: false\n"), page);
        assertFalse(page.contains("hush"), page);
        assertTrue(page.contains("\nNo value, no default.\n.TP\n"), page);

        CommandSpec visible = tool.subcommands().get("visible").getCommandSpec();
        String visiblePage = ManPages.page(visible, DAY);
        assertEquals(
                defaults(visible.commandLine().getUsageMessage(), "\\s+Default:"), defaults(visiblePage, "Default:"));
        assertEquals(List.of("Default: yes"), defaults(visiblePage, "Default:"));
    }

    /** The default lines of a help text or page, in order of their values. */
    private static List<String> defaults(String text, String start) {
        return text.lines()
                .filter(line -> line.matches(start + ".*"))
                .map(String::strip)
                .sorted()
                .toList();
    }

    @Test
    void whatHelpHidesTheManualHidesToo() {
        String page = ManPages.page(tool, DAY);

        assertFalse(page.contains("internal"), page);
        assertFalse(page.contains("hidden"), page);
        assertTrue(page.contains(".SH \"COMMANDS\"\n.TP\n\\fBvisible\\fR\nIs listed.\n"), page);
        assertEquals(
                List.of("tool", "tool visible"),
                ManPages.commands(tool).stream().map(CommandSpec::qualifiedName).toList());
    }

    @Test
    void theDescriptionsLinesMakeParagraphsAndItsFirstLineTheName() {
        // A line picocli cannot format (%s without a value) it prints as it is, and so does the page.
        String page = ManPages.page(tool, DAY);

        assertTrue(page.startsWith(".TH \"TOOL\" \"1\" \"2026\\-12\\-04\" \"tool\" \"Hearth Manual\"\n"), page);
        assertTrue(page.contains(".SH \"NAME\"\ntool \\- Does things.\n"), page);
        assertTrue(
                page.contains(".SH \"DESCRIPTION\"\nDoes things.\n.PP\nOn two lines.\n.PP\nA third: printf %s.\n"),
                page);
    }
}
