package dev.hearth.cli.command;

import static dev.hearth.cli.output.Texts.column;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.output.Texts;
import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "grants",
        mixinStandardHelpOptions = true,
        description = "Who else may invoke a function: users (user:NAME) and realm roles (role:NAME).",
        subcommands = {GrantsCommand.ListGrants.class, GrantsCommand.AddGrant.class, GrantsCommand.RemoveGrant.class})
public final class GrantsCommand extends CliCommand {

    @Override
    public Integer call() {
        throw usage("Missing command: list, add or remove");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The function's grants.")
    static final class ListGrants extends CliCommand {

        @Parameters(paramLabel = "NAME", description = "The function's name.")
        String name;

        @Override
        public Integer call() {
            cli().print(
                            cli().api().grants(name),
                            grants -> Texts.table(
                                    grants,
                                    column("PRINCIPAL", "principal"),
                                    column("GRANTED BY", "grantedBy"),
                                    column("GRANTED AT", "grantedAt")));
            return ExitCode.OK.code();
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Let a user or a realm role invoke the function (not read its code or configuration).")
    static final class AddGrant extends CliCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The function's name.")
        String name;

        @Parameters(index = "1", paramLabel = "PRINCIPAL", description = "user:NAME or role:NAME")
        String principal;

        @Override
        public Integer call() {
            JsonValue grant = cli().api().grant(name, principal);
            cli().print(grant, g -> "granted " + principal + " the invocation of " + name + "\n");
            return ExitCode.OK.code();
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Revoke a grant.")
    static final class RemoveGrant extends CliCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The function's name.")
        String name;

        @Parameters(index = "1", paramLabel = "PRINCIPAL", description = "user:NAME or role:NAME")
        String principal;

        @Override
        public Integer call() {
            cli().api().revokeGrant(name, principal);
            cli().err().println("revoked " + principal + " on " + name);
            return ExitCode.OK.code();
        }
    }
}
