package dev.hearth.cli.command;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.output.Texts;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Your functions (an admin: everyone's).")
public final class ListCommand extends CliCommand {

    @Override
    public Integer call() {
        cli().print(cli().api().functions(), Texts::functions);
        return ExitCode.OK.code();
    }
}
