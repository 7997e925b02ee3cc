package dev.hearth.cli.command;

import static dev.hearth.cli.output.ManPage.bold;
import static dev.hearth.cli.output.ManPage.escape;
import static dev.hearth.cli.output.ManPage.italic;

import dev.hearth.cli.output.ManPage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IllegalFormatException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The manual pages of a command and its subcommands, section 1, made from the same picocli model
 * as their {@code --help}: the synopsis picocli prints, the options and parameters with their
 * descriptions and the default values picocli shows, the subcommands.
 */
final class ManPages {

    static final int SECTION = 1;

    private static final int UNWRAPPED_WIDTH = 10_000;

    private ManPages() {}

    /** The command and every subcommand below it that is not hidden, the command first. */
    static List<CommandSpec> commands(CommandSpec command) {
        List<CommandSpec> all = new ArrayList<>();
        all.add(command);
        subcommands(command).forEach(sub -> all.addAll(commands(sub)));
        return all;
    }

    /** The page's name: the command's full name with hyphens, {@code hearth-cli-admin-pools}. */
    static String name(CommandSpec command) {
        return command.qualifiedName("-");
    }

    static String fileName(CommandSpec command) {
        return name(command) + "." + SECTION;
    }

    static String page(CommandSpec command, LocalDate date) {
        Help help = new Help(command, Help.defaultColorScheme(Help.Ansi.OFF));
        List<String> description = formatted(command.usageMessage().description());
        String summary = firstLine(command);
        ManPage page = new ManPage(
                name(command).toUpperCase(Locale.ROOT), SECTION, date.toString(), version(command), "Hearth Manual");

        page.section("NAME").paragraphOf(escape(name(command)) + (summary.isEmpty() ? "" : " \\- " + escape(summary)));

        String synopsis = synopsis(command, help);
        String commandName = command.qualifiedName();
        page.section("SYNOPSIS")
                .paragraphOf(
                        synopsis.startsWith(commandName)
                                ? bold(commandName) + escape(synopsis.substring(commandName.length()))
                                : escape(synopsis));

        page.section("DESCRIPTION").paragraphs(String.join("\n", description));
        page.paragraphs(String.join("\n", formatted(command.usageMessage().footer())));

        List<OptionSpec> options = command.options().stream()
                .filter(option -> !option.hidden())
                .collect(Collectors.toCollection(ArrayList::new));
        Comparator<OptionSpec> order = help.createDefaultOptionSort();
        if (order != null) {
            options.sort(order);
        }
        if (!options.isEmpty()) {
            page.section("OPTIONS");
            options.forEach(option -> page.item(optionTag(option, help), describe(option, command)));
        }

        List<? extends ArgSpec> parameters = command.positionalParameters().stream()
                .filter(parameter -> !parameter.hidden())
                .toList();
        if (!parameters.isEmpty()) {
            page.section("ARGUMENTS");
            parameters.forEach(parameter -> page.item(italic(label(parameter, help)), describe(parameter, command)));
        }

        List<CommandSpec> subcommands = subcommands(command);
        if (!subcommands.isEmpty()) {
            page.section("COMMANDS");
            subcommands.forEach(sub -> page.item(bold(sub.name()), firstLine(sub)));
        }

        List<CommandSpec> related = new ArrayList<>();
        if (command.parent() != null) {
            related.add(command.parent());
        }
        related.addAll(subcommands);
        if (!related.isEmpty()) {
            page.section("SEE ALSO")
                    .paragraphOf(related.stream()
                            .map(other -> bold(name(other)) + "(" + SECTION + ")")
                            .collect(Collectors.joining(", ")));
        }
        return page.troff();
    }

    /**
     * The synopsis {@code --help} prints, on one line: troff breaks it where the reader's terminal
     * needs. Picocli breaks it at the usage width, inside an option's label too, so the width is
     * made wider than any synopsis for this one rendering.
     */
    private static String synopsis(CommandSpec command, Help help) {
        UsageMessageSpec usage = command.usageMessage();
        int width = usage.width();
        usage.width(UNWRAPPED_WIDTH);
        try {
            return help.synopsis(0).strip();
        } finally {
            usage.width(width);
        }
    }

    private static List<CommandSpec> subcommands(CommandSpec command) {
        // The map holds a command once per name and alias.
        return new LinkedHashSet<>(command.subcommands().values())
                .stream()
                        .map(CommandLine::getCommandSpec)
                        .filter(sub -> !sub.usageMessage().hidden())
                        .toList();
    }

    /** {@code -o, --output=FORMAT}, the names shortest first, as {@code --help} shows them. */
    private static String optionTag(OptionSpec option, Help help) {
        String names = Arrays.stream(option.names())
                .sorted(Help.shortestFirst())
                .map(ManPage::bold)
                .collect(Collectors.joining(", "));
        String label = label(option, help);
        return label.isEmpty() ? names : names + italic(label);
    }

    /** The parameter label {@code --help} shows: {@code =FORMAT}, {@code [=CIDR[,CIDR...]...]}, {@code [SHELL]}. */
    private static String label(ArgSpec arg, Help help) {
        return help.parameterLabelRenderer()
                .renderParameterLabel(arg, Help.Ansi.OFF, List.of())
                .toString();
    }

    /** The description's lines (picocli has put in their variables), and the default value where {@code --help} shows it. */
    private static String describe(ArgSpec arg, CommandSpec command) {
        List<String> lines = new ArrayList<>(List.of(arg.description()));
        if (defaultShown(arg, command)) {
            lines.add("Default: " + arg.defaultValueString());
        }
        return String.join("\n", lines);
    }

    /**
     * Whether {@code --help} shows the default: always when the option says so; on demand, when
     * the command asks for defaults, for an option that takes a value and has one.
     */
    private static boolean defaultShown(ArgSpec arg, CommandSpec command) {
        return switch (arg.showDefaultValue()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ON_DEMAND -> command.usageMessage().showDefaultValues()
                    && arg.arity().max() > 0
                    && (arg.defaultValue() != null || arg.initialValue() != null);
        };
    }

    /**
     * A command's description or footer lines as {@code --help} prints them: picocli has put in
     * their variables and leaves the format specifiers ({@code %n}) to the printer, which prints a
     * line it cannot format as it is.
     */
    private static List<String> formatted(String[] lines) {
        return Arrays.stream(lines).flatMap(line -> formatted(line).lines()).toList();
    }

    private static String formatted(String line) {
        try {
            return String.format(Locale.ROOT, line);
        } catch (IllegalFormatException e) {
            return line;
        }
    }

    /** The first line of a command's description that is not blank: what it does, in short. */
    private static String firstLine(CommandSpec command) {
        return formatted(command.usageMessage().description()).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .findFirst()
                .orElse("");
    }

    /** What the page documents: the root command's version line, {@code hearth-cli 0.1.0}. */
    private static String version(CommandSpec command) {
        return Stream.of(command.root().version())
                .findFirst()
                .orElse(command.root().name());
    }
}
