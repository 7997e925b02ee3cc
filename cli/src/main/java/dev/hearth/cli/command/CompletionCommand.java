package dev.hearth.cli.command;

import dev.hearth.cli.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print the bash completion script (zsh reads it too, after 'autoload -U +X bashcompinit && bashcompinit').",
            "Load it with: source <(hearth-cli completion)"
        })
public final class CompletionCommand extends CliCommand {

    @Override
    public Integer call() {
        cli().out().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        return ExitCode.OK.code();
    }
}
