package dev.hearth.cli.command;

import static dev.hearth.cli.output.Texts.column;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.output.Texts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    /** What add and remove name: the function and the principal. */
    static final class Grant {

        @Parameters(index = "0", paramLabel = "NAME", description = "The function's name.")
        String name;

        @Parameters(index = "1", paramLabel = "PRINCIPAL", description = "user:NAME or role:NAME")
        String principal;
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Let a user or a realm role invoke the function (not read its code or configuration).")
    static final class AddGrant extends CliCommand {

        @Mixin
        Grant grant;

        @Override
        public Integer call() {
            cli().print(
                            cli().api().grant(grant.name, grant.principal),
                            g -> "granted " + grant.principal + " the invocation of " + grant.name + "\n");
            return ExitCode.OK.code();
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Revoke a grant.")
    static final class RemoveGrant extends CliCommand {

        @Mixin
        Grant grant;

        @Override
        public Integer call() {
            cli().api().revokeGrant(grant.name, grant.principal);
            cli().err().println("revoked " + grant.principal + " on " + grant.name);
            return ExitCode.OK.code();
        }
    }
}
