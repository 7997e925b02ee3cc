package dev.hearth.cli.command;

import static dev.hearth.cli.output.Texts.column;

import dev.hearth.cli.ExitCode;
import dev.hearth.cli.output.Json;
import dev.hearth.cli.output.Texts;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "admin",
        mixinStandardHelpOptions = true,
        description = "The fleet, for the realm role admin: warming pools, hosts, instances, scheduler settings.",
        subcommands = {
            AdminCommand.Pools.class,
            AdminCommand.Hosts.class,
            AdminCommand.Instances.class,
            AdminCommand.Settings.class
        })
public final class AdminCommand extends CliCommand {

    @Override
    public Integer call() {
        throw usage("Missing command: pools, hosts, instances or settings");
    }

    @Command(
            name = "pools",
            mixinStandardHelpOptions = true,
            description = "Every runtime's warming pool: its target, maximum per host, and what it holds now.",
            subcommands = Pools.SetPool.class)
    static final class Pools extends CliCommand {

        @Override
        public Integer call() {
            cli().print(cli().api().pools(), Pools::table);
            return ExitCode.OK.code();
        }

        private static String table(JsonValue pools) {
            return Texts.table(
                    pools,
                    column("RUNTIME", "runtime"),
                    column("TARGET", "warmingTarget"),
                    column("MAX PER HOST", "maxPerHost"),
                    column("WARMING", "warming"),
                    column("BOOTING", "booting"));
        }

        @Command(
                name = "set",
                mixinStandardHelpOptions = true,
                description = "Set a warming pool's target and maximum per host; it is refilled or shrunk at once.")
        static final class SetPool extends CliCommand {

            @Parameters(paramLabel = "RUNTIME", description = "python3, nodejs or provided.")
            String runtime;

            @Option(names = "--target", required = true, paramLabel = "N", description = "Warm instances wanted.")
            int target;

            @Option(
                    names = "--max-per-host",
                    required = true,
                    paramLabel = "N",
                    description = "At most this many of them on one host.")
            int maxPerHost;

            @Override
            public Integer call() {
                cli().print(cli().api().setPool(runtime, target, maxPerHost), Pools::table);
                return ExitCode.OK.code();
            }
        }
    }

    @Command(
            name = "hosts",
            mixinStandardHelpOptions = true,
            description = "The configured hosts: health, draining, capacity, runtimes, instances.",
            subcommands = {Hosts.Drain.class, Hosts.Undrain.class})
    static final class Hosts extends CliCommand {

        @Override
        public Integer call() {
            cli().print(cli().api().hosts(), Hosts::table);
            return ExitCode.OK.code();
        }

        private static String table(JsonValue hosts) {
            return Texts.table(
                    hosts,
                    column("HOST", "hostId"),
                    column("HEALTHY", "healthy"),
                    column("DRAINING", "draining"),
                    column("CAPACITY", "instanceCapacity"),
                    column("INSTANCES", "instances"),
                    column("RUNTIMES", "runtimes"),
                    column("ISOLATIONS", "isolations"));
        }

        @Command(
                name = "drain",
                mixinStandardHelpOptions = true,
                description = "The host takes no new work; its idle and warming instances go, busy ones finish.")
        static final class Drain extends CliCommand {

            @Parameters(paramLabel = "HOST", description = "The host's id.")
            String host;

            @Override
            public Integer call() {
                cli().print(cli().api().drain(host, true), Hosts::table);
                return ExitCode.OK.code();
            }
        }

        @Command(name = "undrain", mixinStandardHelpOptions = true, description = "The host takes work again.")
        static final class Undrain extends CliCommand {

            @Parameters(paramLabel = "HOST", description = "The host's id.")
            String host;

            @Override
            public Integer call() {
                cli().print(cli().api().drain(host, false), Hosts::table);
                return ExitCode.OK.code();
            }
        }
    }

    @Command(
            name = "instances",
            mixinStandardHelpOptions = true,
            description = "Every instance Hearth knows: host, runtime, isolation, owner, state.",
            subcommands = Instances.Destroy.class)
    static final class Instances extends CliCommand {

        @Override
        public Integer call() {
            cli().print(
                            cli().api().instances(),
                            instances -> Texts.table(
                                    instances,
                                    column("INSTANCE", "instanceId"),
                                    column("HOST", "hostId"),
                                    column("RUNTIME", "runtime"),
                                    column("ISOLATION", "isolation"),
                                    column("OWNER", "owner"),
                                    column("STATE", "state")));
            return ExitCode.OK.code();
        }

        @Command(name = "destroy", mixinStandardHelpOptions = true, description = "Destroy an instance at once.")
        static final class Destroy extends CliCommand {

            @Parameters(paramLabel = "INSTANCE", description = "The instance's id.")
            String instance;

            @Override
            public Integer call() {
                cli().api().destroyInstance(instance);
                cli().err().println("destroyed " + instance);
                return ExitCode.OK.code();
            }
        }
    }

    @Command(
            name = "settings",
            mixinStandardHelpOptions = true,
            description = "Keep-alive, concurrency limits and the private networks functions may reach.",
            subcommands = Settings.ChangeSettings.class)
    static final class Settings extends CliCommand {

        @Override
        public Integer call() {
            cli().print(cli().api().settings(), Settings::describe);
            return ExitCode.OK.code();
        }

        private static String describe(JsonValue value) {
            JsonObject settings = value.asJsonObject();
            return String.format(
                    "keep-alive:                  %s s%nmax concurrent per function: %s%nmax concurrent per user:"
                            + "     %s%nqueue wait:                  %s ms%nallowed private networks:    %s%n",
                    Json.text(settings, "keepAliveSeconds"),
                    Json.text(settings, "maxConcurrentPerFunction"),
                    Json.text(settings, "maxConcurrentPerUser"),
                    Json.text(settings, "queueWaitMillis"),
                    Texts.cell(settings, "allowedPrivateNetworks").isEmpty()
                            ? "none"
                            : Texts.cell(settings, "allowedPrivateNetworks"));
        }

        @Command(
                name = "set",
                mixinStandardHelpOptions = true,
                description = "Change some settings; the others stay as they are.")
        static final class ChangeSettings extends CliCommand {

            @Option(
                    names = "--keep-alive",
                    paramLabel = "SECONDS",
                    description = "How long an idle instance stays warm.")
            Long keepAliveSeconds;

            @Option(
                    names = "--max-per-function",
                    paramLabel = "N",
                    description = "Invocations of one function at once.")
            Integer maxConcurrentPerFunction;

            @Option(names = "--max-per-user", paramLabel = "N", description = "Invocations of one user at once.")
            Integer maxConcurrentPerUser;

            @Option(
                    names = "--queue-wait",
                    paramLabel = "MILLIS",
                    description = "How long an invocation waits for a slot before it gets 429.")
            Long queueWaitMillis;

            @Option(
                    names = "--allowed-private-networks",
                    paramLabel = "CIDR",
                    split = ",",
                    arity = "0..*",
                    description = "The private networks functions may reach (comma-separated); given empty: none.")
            List<String> allowedPrivateNetworks;

            @Override
            public Integer call() {
                JsonObject current = cli().api().settings().asJsonObject();
                JsonObjectBuilder changed = Json.provider().createObjectBuilder(current);
                if (keepAliveSeconds != null) {
                    changed.add("keepAliveSeconds", keepAliveSeconds);
                }
                if (maxConcurrentPerFunction != null) {
                    changed.add("maxConcurrentPerFunction", maxConcurrentPerFunction);
                }
                if (maxConcurrentPerUser != null) {
                    changed.add("maxConcurrentPerUser", maxConcurrentPerUser);
                }
                if (queueWaitMillis != null) {
                    changed.add("queueWaitMillis", queueWaitMillis);
                }
                if (allowedPrivateNetworks != null) {
                    changed.add("allowedPrivateNetworks", Json.provider().createArrayBuilder(allowedPrivateNetworks));
                }
                cli().print(cli().api().changeSettings(changed.build()), Settings::describe);
                return ExitCode.OK.code();
            }
        }
    }
}
