package dev.hearth.hypervisor.host;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.hypervisor.host.code.CodeRetention;
import dev.hearth.hypervisor.host.code.CodeStore;
import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.DriverFactory;
import dev.hearth.hypervisor.host.driver.InstanceDriver;
import dev.hearth.hypervisor.host.events.EventLog;
import dev.hearth.hypervisor.host.http.AgentHttpApi;
import dev.hearth.hypervisor.host.http.AgentTls;
import dev.hearth.hypervisor.host.instances.InstanceRegistry;
import dev.hearth.hypervisor.host.sandbox.RuntimeImage;
import dev.hearth.hypervisor.host.sandbox.StateVolume;
import dev.hearth.protocol.wire.AgentInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running host agent: its state volume, its instance drivers, the code store, the instances, the
 * event log and the HTTP API, plus a watchdog that notices instances dying by themselves.
 */
public final class HostAgent implements AutoCloseable {

    private static final long HEALTH_CHECK_MILLIS = 1_000;
    /** How often the code store drops packages no instance needs (CodeRetention). */
    private static final long CODE_COLLECTION_MILLIS = 60_000;

    private static final System.Logger LOG = System.getLogger(HostAgent.class.getName());

    private final Collection<InstanceDriver> drivers;
    private final InstanceRegistry instances;
    private final AgentHttpApi api;
    private final ScheduledExecutorService watchdog;
    private final StateVolume volume;

    private HostAgent(
            Collection<InstanceDriver> drivers,
            InstanceRegistry instances,
            AgentHttpApi api,
            ScheduledExecutorService watchdog,
            StateVolume volume) {
        this.drivers = drivers;
        this.instances = instances;
        this.api = api;
        this.watchdog = watchdog;
        this.volume = volume;
    }

    /** The agent could not start; the message is one line for the operator. */
    public static final class StartException extends Exception {
        private static final long serialVersionUID = 1L;

        StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Checks the host, cleans up after an earlier run, and starts serving. */
    public static HostAgent start(AgentConfig config) throws StartException {
        byte[] secret = readSecret(config.secretFile());
        // By the isolation that CreateInstanceRequest names; the first is the default.
        Map<String, InstanceDriver> drivers = new LinkedHashMap<>();
        StateVolume volume = null;
        try {
            prepareStateDir(config.stateDir());
            volume = StateVolume.mount(config.stateDir());
            Path files = volume.files();
            EventLog events = new EventLog(config.hostId());
            Path imageUsr = RuntimeImage.prepare(files);
            Map<String, DriverFactory> factories = DriverFactory.available();
            for (String name : config.drivers()) {
                DriverFactory factory = factories.get(name); // AgentConfig knows no other names
                InstanceDriver driver = factory.create(files, imageUsr, config, events);
                drivers.put(factory.isolation(), driver);
                driver.cleanUpLeftovers();
            }
            InstanceDriver first = drivers.values().iterator().next();
            CodeStore code = CodeStore.open(files, CodeRetention.DEFAULT);
            InstanceRegistry instances =
                    new InstanceRegistry(config.hostId(), config.capacity(), drivers, code, events);
            AgentInfo info = new AgentInfo(
                    config.hostId(), "v1", String.join(",", config.drivers()), config.capacity(), first.runtimes());
            Optional<AgentTls> tls = config.transport() instanceof AgentConfig.Transport.Tls keystore
                    ? Optional.of(AgentTls.fromKeystore(keystore.keystore(), keystore.passwordFile()))
                    : Optional.empty();
            AgentHttpApi api =
                    AgentHttpApi.start(config.bind(), config.port(), tls, secret, info, instances, code, events);
            ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "agent-watchdog");
                t.setDaemon(true);
                return t;
            });
            watchdog.scheduleWithFixedDelay(
                    instances::checkHealth, HEALTH_CHECK_MILLIS, HEALTH_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            watchdog.scheduleWithFixedDelay(
                    () -> collectCodeGarbage(code),
                    CODE_COLLECTION_MILLIS,
                    CODE_COLLECTION_MILLIS,
                    TimeUnit.MILLISECONDS);
            return new HostAgent(drivers.values(), instances, api, watchdog, volume);
        } catch (DriverException e) {
            closeAll(drivers.values(), volume);
            throw new StartException(e.getMessage(), e);
        } catch (IOException e) {
            closeAll(drivers.values(), volume);
            throw new StartException("cannot start: " + e.getMessage(), e);
        }
    }

    /** The drivers, then the volume their files are on. */
    private static void closeAll(Collection<InstanceDriver> drivers, StateVolume volume) {
        drivers.forEach(InstanceDriver::close);
        if (volume != null) {
            volume.close();
        }
    }

    private static void collectCodeGarbage(CodeStore code) {
        try {
            List<String> removed = code.collectGarbage(Instant.now());
            if (!removed.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "removed {0} code packages no instance used", removed.size());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot collect the code store''s garbage: {0}", e.getMessage());
        }
    }

    private static byte[] readSecret(Path file) throws StartException {
        try {
            String secret = Files.readString(file, UTF_8).strip();
            if (secret.length() < 16) {
                throw new StartException("the secret in " + file + " must be at least 16 characters", null);
            }
            return secret.getBytes(UTF_8);
        } catch (IOException e) {
            throw new StartException("cannot read the secret file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the state directory; the containers' uids must be able to pass through it (and its
     * parents) to reach the code and runtime folders bound into them.
     */
    private static void prepareStateDir(Path stateDir) throws IOException, StartException {
        Files.createDirectories(stateDir);
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx--x--x"));
        for (Path dir = stateDir.getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new StartException(
                        "the state directory's parent " + dir + " must be searchable by all users (chmod o+x)", null);
            }
        }
    }

    public InetSocketAddress address() {
        return api.address();
    }

    /** The API's base URL as a client on this host reaches it. */
    public String url() {
        String host = address().getHostString();
        return api.scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + address().getPort();
    }

    /** Stops serving and destroys every instance. */
    @Override
    public void close() {
        watchdog.shutdownNow();
        api.close();
        instances.destroyAll();
        closeAll(drivers, volume);
    }
}
