package dev.hearth.cli.command;

import dev.hearth.cli.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print the completion script of a shell, made from the commands' own definitions.",
            "Load it with: source <(hearth-cli completion) in bash, source <(hearth-cli completion zsh) in zsh."
        })
public final class CompletionCommand extends CliCommand {

    /**
     * zsh completes with bash's script through its bashcompinit emulation, as picocli intends: the
     * script for zsh loads that emulation (and compinit, which it needs) first.
     */
    private static final String ZSH_PREAMBLE =
            "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n";

    public enum Shell {
        bash,
        zsh
    }

    @Parameters(
            paramLabel = "SHELL",
            arity = "0..1",
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Shell shell = Shell.bash;

    @Override
    public Integer call() {
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        cli().out().print(shell == Shell.zsh ? ZSH_PREAMBLE + script : script);
        return ExitCode.OK.code();
    }
}
