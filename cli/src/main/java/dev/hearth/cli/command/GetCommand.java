package dev.hearth.cli.command;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.output.Texts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "A function: its runtime, code, policy and portions.")
public final class GetCommand extends CliCommand {

    @Parameters(paramLabel = "NAME", description = "The function's name.")
    String name;

    @Override
    public Integer call() {
        cli().print(cli().api().function(name), Texts::function);
        return ExitCode.OK.code();
    }
}
