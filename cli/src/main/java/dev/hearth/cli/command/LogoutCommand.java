package dev.hearth.cli.command;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.auth.TokenCache;
import dev.hearth.cli.auth.Tokens;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(
        name = "logout",
        mixinStandardHelpOptions = true,
        description = "Revoke the profile's session at the realm and delete its cached tokens.")
public final class LogoutCommand extends CliCommand {

    @Override
    public Integer call() {
        TokenCache cache = cli().tokenCache();
        Optional<Tokens> tokens = cache.load();
        try {
            if (tokens.isPresent() && tokens.get().refreshToken() != null) {
                cli().oidc().revoke(tokens.get().refreshToken());
            }
        } finally {
            // Deleted even when the realm could not be told: the failure says the session may live on.
            cache.delete();
        }
        cli().err().println(tokens.isPresent() ? "signed out (profile " + cli().profileName() + ")" : "not signed in");
        return ExitCode.OK.code();
    }
}
