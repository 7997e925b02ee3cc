package dev.hearth.cli.command;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.config.Profile;
import dev.hearth.cli.config.Profiles;
import dev.hearth.cli.output.Json;
import dev.hearth.cli.output.Table;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description = "The profiles: which Hearth (API URL) and realm (issuer URL) a command talks to.",
        subcommands = {
            ProfileCommand.SetProfile.class,
            ProfileCommand.ShowProfile.class,
            ProfileCommand.ListProfiles.class
        })
public final class ProfileCommand extends CliCommand {

    @Override
    public Integer call() {
        throw usage("Missing command: set, show or list");
    }

    static JsonObject json(Profile profile) {
        return Json.provider()
                .createObjectBuilder()
                .add("name", profile.name())
                .add("apiUrl", profile.apiUrl().toString())
                .add("realmUrl", profile.realmUrl().toString())
                .add("clientId", profile.clientId())
                .build();
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Create or change a profile; what is not given stays (a new one: the quick start's).")
    static final class SetProfile extends CliCommand {

        @Parameters(paramLabel = "NAME", description = "The profile's name.")
        String name;

        @Option(names = "--api-url", paramLabel = "URL", description = "e.g. http://127.0.0.1:8080/api/v1")
        String apiUrl;

        @Option(
                names = "--realm-url",
                paramLabel = "URL",
                description = "The realm's issuer, e.g. http://127.0.0.1:8180/realms/hearth")
        String realmUrl;

        @Option(names = "--client-id", paramLabel = "ID", description = "The realm's client for the CLI (hearth-cli).")
        String clientId;

        @Override
        public Integer call() {
            Profiles profiles = cli().profiles();
            Profile current = profiles.load(name);
            Profile changed = new Profile(
                    name,
                    apiUrl == null ? current.apiUrl() : Profiles.checkedUrl(apiUrl),
                    realmUrl == null ? current.realmUrl() : Profiles.checkedUrl(realmUrl),
                    clientId == null ? current.clientId() : clientId);
            profiles.save(changed);
            cli().print(json(changed), v -> describe(changed));
            return ExitCode.OK.code();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The profile in use and its URLs.")
    static final class ShowProfile extends CliCommand {
        @Override
        public Integer call() {
            Profile profile = cli().profile();
            cli().print(json(profile), v -> describe(profile));
            return ExitCode.OK.code();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The profiles saved.")
    static final class ListProfiles extends CliCommand {
        @Override
        public Integer call() {
            Profiles profiles = cli().profiles();
            JsonArrayBuilder all = Json.provider().createArrayBuilder();
            Table table = new Table("PROFILE", "API", "REALM");
            for (String name : profiles.names()) {
                Profile profile = profiles.load(name);
                all.add(json(profile));
                table.row(name, profile.apiUrl().toString(), profile.realmUrl().toString());
            }
            cli().print(all.build(), v -> table.render());
            return ExitCode.OK.code();
        }
    }

    private static String describe(Profile profile) {
        return "profile:   " + profile.name() + "\napi:       " + profile.apiUrl() + "\nrealm:     "
                + profile.realmUrl() + "\nclient id: " + profile.clientId() + "\n";
    }
}
