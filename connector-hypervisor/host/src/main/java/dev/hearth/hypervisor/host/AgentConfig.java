package dev.hearth.hypervisor.host;

import dev.hearth.hypervisor.host.driver.DriverFactory;
import dev.hearth.hypervisor.host.qemu.QemuSettings;
import dev.hearth.hypervisor.host.sandbox.ContainerRuntime;
import dev.hearth.hypervisor.host.sandbox.ContainerUids;
import dev.hearth.hypervisor.host.sandbox.IdleContainers;
import dev.hearth.hypervisor.host.sandbox.SandboxSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The agent's settings. Each comes from a command-line flag, else from an environment variable,
 * else from its default; {@link #help()} lists them all.
 */
public record AgentConfig(
        String bind,
        int port,
        String hostId,
        Path stateDir,
        Path secretFile,
        int capacity,
        int cpuPercent,
        List<String> drivers,
        Path guestDir,
        ContainerRuntime containerRuntime,
        ContainerUids containerUids,
        IdleContainers idleContainers,
        Transport transport)
        implements SandboxSettings, QemuSettings {

    /** How the REST API is served: TLS with the agent's own key, or plain HTTP on loopback only. */
    public sealed interface Transport {

        /** Plain HTTP: allowed only on a loopback address, where no one on the network can read the secret. */
        record PlainLoopback() implements Transport {}

        /** HTTPS with the key and certificate in a PKCS12 keystore whose password is a file's first line. */
        record Tls(Path keystore, Path passwordFile) implements Transport {}
    }

    /** The instance drivers this agent knows: those whose factory it finds. */
    static final List<String> KNOWN_DRIVERS =
            List.copyOf(DriverFactory.available().keySet());

    /** One setting: its flag, its environment variable, its default (null: required) and what it is. */
    private record Option(String flag, String env, String defaultValue, String description) {}

    private static final List<Option> OPTIONS = List.of(
            new Option("--bind", "HEARTH_AGENT_BIND", "127.0.0.1", "address to listen on"),
            new Option("--port", "HEARTH_AGENT_PORT", "9700", "TCP port of the REST API"),
            new Option("--host-id", "HEARTH_AGENT_HOST_ID", null, "this host's name (default: the host name)"),
            new Option(
                    "--state-dir",
                    "HEARTH_AGENT_STATE_DIR",
                    "/var/lib/hearth-agent",
                    "where instances, code and runtime shims live"),
            new Option("--secret-file", "HEARTH_AGENT_SECRET_FILE", null, "file holding the shared secret (required)"),
            new Option("--capacity", "HEARTH_AGENT_CAPACITY", "16", "most instances this host runs at once"),
            new Option(
                    "--cpu-percent",
                    "HEARTH_AGENT_CPU_PERCENT",
                    "100",
                    "CPU time each container may use, in percent of one core"),
            new Option(
                    "--drivers",
                    "HEARTH_AGENT_DRIVERS",
                    "sandbox",
                    "instance drivers, comma-separated: sandbox (isolation sandbox), qemu (isolation vm)"),
            new Option(
                    "--guest-dir",
                    "HEARTH_AGENT_GUEST_DIR",
                    "/var/cache/hearth/guest",
                    "the qemu driver's guest kernel folder (guest/build-guest prepares it)"),
            new Option(
                    "--container-runtime",
                    "HEARTH_AGENT_CONTAINER_RUNTIME",
                    "bwrap",
                    "what runs the sandbox driver's containers: bwrap (bubblewrap) or runc (OCI bundles)"),
            new Option(
                    "--container-uids",
                    "HEARTH_AGENT_CONTAINER_UIDS",
                    ContainerUids.DEFAULT.toString(),
                    "the containers' uids, FIRST-LAST: no user or group of the host may have one (checked at start)"),
            new Option(
                    "--idle-containers",
                    "HEARTH_AGENT_IDLE_CONTAINERS",
                    IdleContainers.FROZEN.settingName(),
                    "containers between invocations: frozen, or running (only to measure what freezing costs)"),
            new Option(
                    "--tls-keystore",
                    "HEARTH_AGENT_TLS_KEYSTORE",
                    null,
                    "PKCS12 keystore with the agent's key and certificate: serve HTTPS (without: plain HTTP, loopback only)"),
            new Option(
                    "--tls-keystore-password-file",
                    "HEARTH_AGENT_TLS_KEYSTORE_PASSWORD_FILE",
                    null,
                    "file whose first line is the keystore's password (required with --tls-keystore)"));

    /** The settings were wrong; the message is one line for the operator. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    /**
     * Reads the settings. {@code defaultHostId} fills {@code --host-id} when neither the flag nor
     * its variable is set.
     */
    public static AgentConfig parse(List<String> args, Map<String, String> env, String defaultHostId)
            throws ConfigException {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (OPTIONS.stream().noneMatch(o -> o.flag().equals(flag))) {
                throw new ConfigException("unknown option " + flag + " (see --help)");
            }
            if (arg.contains("=")) {
                flags.put(flag, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.size()) {
                flags.put(flag, args.get(++i));
            } else {
                throw new ConfigException("option " + flag + " needs a value");
            }
        }
        Function<String, String> value = flag -> {
            Option option = OPTIONS.stream()
                    .filter(o -> o.flag().equals(flag))
                    .findFirst()
                    .orElseThrow();
            String fromEnv = env.get(option.env());
            return flags.getOrDefault(
                    flag, fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : option.defaultValue());
        };
        String secretFile = value.apply("--secret-file");
        if (secretFile == null) {
            throw new ConfigException("--secret-file (or HEARTH_AGENT_SECRET_FILE) is required");
        }
        String hostId = value.apply("--host-id");
        List<String> drivers = List.of(value.apply("--drivers").split(","));
        if (drivers.isEmpty() || !KNOWN_DRIVERS.containsAll(drivers)) {
            throw new ConfigException("--drivers must name some of " + KNOWN_DRIVERS + ", not " + drivers);
        }
        String containerRuntime = value.apply("--container-runtime");
        ContainerRuntime runtime = ContainerRuntime.named(containerRuntime)
                .orElseThrow(() -> new ConfigException("--container-runtime must be one of "
                        + ContainerRuntime.settingNames() + ", not '" + containerRuntime + "'"));
        String idle = value.apply("--idle-containers");
        IdleContainers idleContainers = IdleContainers.named(idle)
                .orElseThrow(() -> new ConfigException(
                        "--idle-containers must be one of " + IdleContainers.settingNames() + ", not '" + idle + "'"));
        ContainerUids containerUids;
        try {
            containerUids = ContainerUids.parse(value.apply("--container-uids"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--container-uids: " + e.getMessage());
        }
        String bind = value.apply("--bind");
        return new AgentConfig(
                bind,
                number(value.apply("--port"), "--port", 0, 65535),
                hostId != null ? hostId : defaultHostId,
                Path.of(value.apply("--state-dir")).toAbsolutePath(),
                Path.of(secretFile).toAbsolutePath(),
                number(value.apply("--capacity"), "--capacity", 1, 10_000),
                number(
                        value.apply("--cpu-percent"),
                        "--cpu-percent",
                        1,
                        100 * Runtime.getRuntime().availableProcessors()),
                drivers,
                Path.of(value.apply("--guest-dir")).toAbsolutePath(),
                runtime,
                containerUids,
                idleContainers,
                transport(bind, value.apply("--tls-keystore"), value.apply("--tls-keystore-password-file")));
    }

    private static Transport transport(String bind, String keystore, String passwordFile) throws ConfigException {
        if (keystore == null) {
            if (passwordFile != null) {
                throw new ConfigException("--tls-keystore-password-file needs --tls-keystore");
            }
            if (!isLoopback(bind)) {
                // The shared secret and every invocation's credential cross this link.
                throw new ConfigException("refusing plain HTTP on " + bind
                        + ", which is not a loopback address: give --tls-keystore and --tls-keystore-password-file");
            }
            return new Transport.PlainLoopback();
        }
        if (passwordFile == null) {
            throw new ConfigException(
                    "--tls-keystore needs --tls-keystore-password-file (or HEARTH_AGENT_TLS_KEYSTORE_PASSWORD_FILE)");
        }
        return new Transport.Tls(
                Path.of(keystore).toAbsolutePath(), Path.of(passwordFile).toAbsolutePath());
    }

    /** Whether every address {@code bind} names is a loopback address. */
    private static boolean isLoopback(String bind) throws ConfigException {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bind);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            throw new ConfigException("--bind " + bind + " is not an address of this host");
        }
    }

    private static int number(String text, String flag, int min, int max) throws ConfigException {
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new ConfigException(flag + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " must be a number, not '" + text + "'");
        }
    }

    /** The usage text printed by {@code --help}. */
    public static String help() {
        StringBuilder text = new StringBuilder("Usage: java -jar hearth-host-agent-all.jar [options]\n"
                + "Runs Hearth's host agent (must run as root). Options (flag, environment variable, default):\n");
        for (Option o : OPTIONS) {
            text.append(String.format(
                    "  %-32s %-41s %s%s%n",
                    o.flag() + " V",
                    o.env(),
                    o.description(),
                    o.defaultValue() != null ? " [" + o.defaultValue() + "]" : ""));
        }
        return text.toString();
    }
}
