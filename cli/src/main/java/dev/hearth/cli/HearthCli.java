package dev.hearth.cli;

import dev.hearth.cli.api.HearthApi;
import dev.hearth.cli.auth.OidcClient;
import dev.hearth.cli.auth.Session;
import dev.hearth.cli.auth.TokenCache;
import dev.hearth.cli.command.ActivationsCommand;
import dev.hearth.cli.command.AdminCommand;
import dev.hearth.cli.command.CompletionCommand;
import dev.hearth.cli.command.DeleteCommand;
import dev.hearth.cli.command.DeployCommand;
import dev.hearth.cli.command.GetCommand;
import dev.hearth.cli.command.GrantsCommand;
import dev.hearth.cli.command.InitCommand;
import dev.hearth.cli.command.InvokeCommand;
import dev.hearth.cli.command.JobsCommand;
import dev.hearth.cli.command.ListCommand;
import dev.hearth.cli.command.LoginCommand;
import dev.hearth.cli.command.LogoutCommand;
import dev.hearth.cli.command.LogsCommand;
import dev.hearth.cli.command.ManCommand;
import dev.hearth.cli.command.ProfileCommand;
import dev.hearth.cli.command.SchedulesCommand;
import dev.hearth.cli.command.SecretsCommand;
import dev.hearth.cli.config.ConfigDirectory;
import dev.hearth.cli.config.Profile;
import dev.hearth.cli.config.Profiles;
import dev.hearth.cli.http.HttpExchange;
import dev.hearth.cli.output.Json;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code hearth-cli} command: its global options, and what every command shares (the profile,
 * the signed-in session, the API, how to print). Commands reach it as their root command's object.
 */
@Command(
        name = "hearth-cli",
        mixinStandardHelpOptions = true,
        versionProvider = HearthCli.Version.class,
        description = "Deploy, invoke and inspect functions on Hearth, signed in with your realm.",
        subcommands = {
            LoginCommand.class,
            LogoutCommand.class,
            ProfileCommand.class,
            InitCommand.class,
            DeployCommand.class,
            ListCommand.class,
            GetCommand.class,
            DeleteCommand.class,
            InvokeCommand.class,
            ActivationsCommand.class,
            LogsCommand.class,
            GrantsCommand.class,
            SecretsCommand.class,
            SchedulesCommand.class,
            JobsCommand.class,
            AdminCommand.class,
            CompletionCommand.class,
            ManCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 done, 1 failed, 2 usage, 3 not found, 4 refused (not signed in, 401, 403),"
                    + " 5 server failed or unreachable.%n"
        })
public final class HearthCli implements Runnable {

    public enum OutputFormat {
        text,
        json
    }

    @Option(
            names = "--profile",
            scope = ScopeType.INHERIT,
            paramLabel = "NAME",
            description = "The profile (API and realm URLs, tokens); default: $HEARTH_CLI_PROFILE, else 'default'.")
    private String profileOption;

    @Option(
            names = {"-o", "--output"},
            scope = ScopeType.INHERIT,
            paramLabel = "FORMAT",
            description = "text (readable; the default) or json (the server's JSON, for scripts).")
    private OutputFormat output = OutputFormat.text;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Print each HTTP exchange on standard error, credentials masked.")
    private boolean verbose;

    @Spec
    private CommandSpec spec;

    private final Environment environment;
    private final Clock clock;
    private HttpExchange http;

    public HearthCli(Environment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(run(args, Environment.system(), Clock.systemUTC()));
    }

    public static int run(String[] args, Environment environment, Clock clock) {
        CommandLine commandLine = new CommandLine(new HearthCli(environment, clock));
        commandLine.setOut(new PrintWriter(environment.out(), true));
        commandLine.setErr(new PrintWriter(environment.err(), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof CliFailure failure) {
                environment.err().println(failure.line());
                return failure.exitCode().code();
            }
            throw exception;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    public String profileName() {
        String name = profileOption != null ? profileOption : environment.variable("HEARTH_CLI_PROFILE");
        return Profiles.checkedName(name != null ? name : Profile.DEFAULT_NAME);
    }

    public Path configDirectory() {
        return ConfigDirectory.of(environment);
    }

    public Profiles profiles() {
        return new Profiles(configDirectory());
    }

    public Profile profile() {
        return profiles().load(profileName());
    }

    public TokenCache tokenCache() {
        return new TokenCache(configDirectory(), profileName());
    }

    public OidcClient oidc() {
        Profile profile = profile();
        return new OidcClient(profile.realmUrl(), profile.clientId(), http(), clock);
    }

    public HearthApi api() {
        Session session = new Session(profileName(), tokenCache(), oidc(), clock);
        return new HearthApi(profile().apiUrl(), http(), session::accessToken);
    }

    public Clock clock() {
        return clock;
    }

    public InputStream in() {
        return environment.in();
    }

    public boolean inIsTerminal() {
        return environment.inIsTerminal();
    }

    public boolean errIsTerminal() {
        return environment.errIsTerminal();
    }

    public PrintStream out() {
        return environment.out();
    }

    public PrintStream err() {
        return environment.err();
    }

    /** Prints an answer: as JSON with {@code --output json}, else as {@code text} renders it. */
    public void print(JsonValue answer, Function<JsonValue, String> text) {
        if (output == OutputFormat.json) {
            out().println(Json.pretty(answer));
        } else {
            out().print(text.apply(answer));
        }
    }

    public boolean jsonOutput() {
        return output == OutputFormat.json;
    }

    private HttpExchange http() {
        if (http == null) {
            http = new HttpExchange(verbose ? environment.err() : null);
        }
        return http;
    }

    /** The version Maven wrote into {@code hearth-cli.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = HearthCli.class.getResourceAsStream("/hearth-cli.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"hearth-cli " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
