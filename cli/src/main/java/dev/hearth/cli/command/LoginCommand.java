package dev.hearth.cli.command;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import dev.hearth.cli.auth.BrowserSignIn;
import dev.hearth.cli.auth.DeviceAuthorization;
import dev.hearth.cli.auth.DevicePoll;
import dev.hearth.cli.auth.OidcClient;
import dev.hearth.cli.auth.Tokens;
import dev.hearth.cli.config.Profile;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Sign in with the profile's realm and keep the tokens for the other commands.",
            "Without options: the device authorization grant. It prints a URL and a code; open the URL in any"
                    + " browser (also on another machine: it works over SSH), sign in there as your organisation"
                    + " does, and enter the code.",
            "With --browser: the authorization code flow with PKCE. It opens your browser (else prints the URL"
                    + " to open on this machine) at the realm's sign-in page, which sends it back to the CLI on"
                    + " 127.0.0.1.",
            "With --username and --password-stdin: the password grant, for scripts (the password is read"
                    + " from standard input, never from the command line)."
        })
public final class LoginCommand extends CliCommand {

    /** Long enough to sign in with a second factor; a browser left alone ends the wait. */
    private static final Duration BROWSER_SIGN_IN = Duration.ofMinutes(5);

    @Option(
            names = "--browser",
            description = "Sign in in a browser on this machine (authorization code flow with PKCE).")
    boolean browser;

    @Option(names = "--username", paramLabel = "USER", description = "The user (with --password-stdin).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Override
    public Integer call() {
        if (passwordStdin != (username != null)) {
            throw usage("--username and --password-stdin go together (without both: the device flow)");
        }
        if (browser && passwordStdin) {
            throw usage("--browser signs in in the browser: no --username nor --password-stdin with it");
        }
        OidcClient oidc = cli().oidc();
        Tokens tokens = passwordStdin
                ? oidc.passwordGrant(username, readPassword())
                : browser ? browserFlow(oidc) : deviceFlow(oidc);
        cli().tokenCache().save(tokens);
        Profile profile = cli().profile();
        cli().err()
                .println("signed in" + tokens.username().map(u -> " as " + u).orElse("") + " to " + profile.realmUrl()
                        + " (profile " + profile.name() + ")");
        return ExitCode.OK.code();
    }

    private String readPassword() {
        try {
            String line = new BufferedReader(new InputStreamReader(cli().in(), StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw usage("--password-stdin: standard input held no password");
            }
            return line;
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "stdin", "cannot read the password: " + e.getMessage());
        }
    }

    private Tokens browserFlow(OidcClient oidc) {
        try (BrowserSignIn signIn = BrowserSignIn.start(oidc)) {
            URI url = signIn.authorizationUrl();
            cli().err()
                    .println(
                            openInBrowser(url)
                                    ? "Opened your browser to sign in (if it did not open, open " + url + ")"
                                    : "To sign in, open in a browser on this machine: " + url);
            return signIn.await(BROWSER_SIGN_IN);
        }
    }

    /** The desktop's browser, when there is a desktop (java.awt.Desktop); false when there is none. */
    private static boolean openInBrowser(URI url) {
        try {
            if (GraphicsEnvironment.isHeadless()
                    || !Desktop.isDesktopSupported()
                    || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                return false;
            }
            Desktop.getDesktop().browse(url);
            return true;
        } catch (IOException | RuntimeException | LinkageError noDesktop) {
            return false;
        }
    }

    private Tokens deviceFlow(OidcClient oidc) {
        DeviceAuthorization authorization = oidc.startDeviceAuthorization();
        cli().err()
                .println("To sign in, open " + authorization.verificationUri() + " and enter the code "
                        + authorization.userCode());
        if (authorization.verificationUriComplete() != null) {
            cli().err().println("(or open " + authorization.verificationUriComplete() + ")");
        }
        Instant deadline = cli().clock().instant().plus(authorization.expiresIn());
        Duration interval = authorization.interval();
        while (cli().clock().instant().isBefore(deadline)) {
            pause(interval);
            DevicePoll poll = oidc.pollDevice(authorization);
            if (poll instanceof DevicePoll.Granted granted) {
                return granted.tokens();
            } else if (poll instanceof DevicePoll.SlowDown slowDown) {
                interval = interval.plus(slowDown.addToInterval());
            } else if (poll instanceof DevicePoll.Refused refused) {
                throw new CliFailure(ExitCode.REFUSED, refused.error(), refused.description());
            }
        }
        throw new CliFailure(ExitCode.REFUSED, "expired_token", "the code expired before the sign-in");
    }

    private static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.FAILED, "interrupted", "the sign-in was interrupted");
        }
    }
}
