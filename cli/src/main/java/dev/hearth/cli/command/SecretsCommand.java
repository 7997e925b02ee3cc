package dev.hearth.cli.command;

import static dev.hearth.cli.output.Texts.column;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import dev.hearth.cli.output.Json;
import dev.hearth.cli.output.Texts;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "secrets",
        mixinStandardHelpOptions = true,
        description = "A function's secrets: their names and versions (never their values), set and delete.",
        subcommands = {
            SecretsCommand.ListSecrets.class,
            SecretsCommand.SetSecret.class,
            SecretsCommand.DeleteSecret.class
        })
public final class SecretsCommand extends CliCommand {

    @Override
    public Integer call() {
        throw usage("Missing command: list, set or delete");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The function's secrets, without values.")
    static final class ListSecrets extends CliCommand {

        @Parameters(paramLabel = "NAME", description = "The function's name.")
        String name;

        @Override
        public Integer call() {
            cli().print(
                            cli().api().secrets(name),
                            secrets -> Texts.table(
                                    secrets,
                                    column("SECRET", "name"),
                                    column("VERSION", "version"),
                                    column("UPDATED BY", "updatedBy"),
                                    column("UPDATED AT", "updatedAt")));
            return ExitCode.OK.code();
        }
    }

    /** What set and delete name: the function and its secret. */
    static final class Secret {

        @Parameters(index = "0", paramLabel = "NAME", description = "The function's name.")
        String function;

        @Parameters(index = "1", paramLabel = "SECRET", description = "The secret's name.")
        String name;
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = {
                "Set or rotate a secret; its value is read from standard input (never from the command line),"
                        + " one trailing line break dropped.",
                "Example: printf %%s \"$KEY\" | hearth-cli secrets set NAME api_key"
            })
    static final class SetSecret extends CliCommand {

        @Mixin
        Secret secret;

        @Override
        public Integer call() {
            JsonValue set = cli().api().setSecret(secret.function, secret.name, value());
            cli().print(
                            set,
                            s -> "set " + secret.name + " of " + secret.function + " (version "
                                    + Json.text(s.asJsonObject(), "version") + ")\n");
            return ExitCode.OK.code();
        }

        private String value() {
            if (cli().inIsTerminal()) {
                throw usage("give the value on standard input (a pipe or a file), not typed on the command line");
            }
            String value;
            try {
                value = new String(cli().in().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure(ExitCode.FAILED, "stdin", "cannot read the value: " + e.getMessage());
            }
            value = value.endsWith("\r\n")
                    ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
            if (value.isEmpty()) {
                throw usage("standard input held no value");
            }
            return value;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a secret.")
    static final class DeleteSecret extends CliCommand {

        @Mixin
        Secret secret;

        @Override
        public Integer call() {
            cli().api().deleteSecret(secret.function, secret.name);
            cli().err().println("deleted " + secret.name + " of " + secret.function);
            return ExitCode.OK.code();
        }
    }
}
