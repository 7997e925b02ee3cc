package dev.hearth.cli.command;

import dev.hearth.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete a function with its activations, logs, metrics, grants and secrets.")
public final class DeleteCommand extends CliCommand {

    @Parameters(paramLabel = "NAME", description = "The function's name.")
    String name;

    @Override
    public Integer call() {
        cli().api().delete(name);
        cli().err().println("deleted " + name);
        return ExitCode.OK.code();
    }
}
