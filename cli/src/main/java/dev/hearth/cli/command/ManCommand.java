package dev.hearth.cli.command;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@Command(
        name = "man",
        mixinStandardHelpOptions = true,
        description = {
            "Print the manual page of hearth-cli (troff, section 1), made from the commands' own definitions,"
                    + " or write it and one page per command into a folder.",
            "Install them with: hearth-cli man --dir ~/.local/share/man/man1, then read: man hearth-cli."
        })
public final class ManCommand extends CliCommand {

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Write hearth-cli.1 and a page per command (hearth-cli-deploy.1, hearth-cli-admin-pools.1,"
                    + " ...) into DIR, made if missing; pages already there are replaced.")
    Path folder;

    @Override
    public Integer call() {
        CommandSpec root = spec.root();
        LocalDate today = LocalDate.now(cli().clock());
        if (folder == null) {
            cli().out().print(ManPages.page(root, today));
            return ExitCode.OK.code();
        }
        List<CommandSpec> commands = ManPages.commands(root);
        try {
            Files.createDirectories(folder);
            for (CommandSpec command : commands) {
                Files.writeString(
                        folder.resolve(ManPages.fileName(command)),
                        ManPages.page(command, today),
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "man", "cannot write " + folder + ": " + e.getMessage());
        }
        cli().err().println("wrote " + commands.size() + " manual pages into " + folder);
        return ExitCode.OK.code();
    }
}
