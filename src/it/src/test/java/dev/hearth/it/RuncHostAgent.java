package dev.hearth.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The IT environment's second host agent, {@code runc}: the sandbox driver with {@code
 * --container-runtime runc}, the same secret and TLS key as the environment's agent {@code local}
 * (bwrap), its state beside that agent's (whose folders {@code ./hearth} made passable for the
 * containers' uids). Payara knows it from the start ({@code HEARTH_AGENTS} in {@code it-env}); it
 * runs only while a test needs it, so that every other test sees the one host {@code local}.
 */
final class RuncHostAgent implements AutoCloseable {

    static final String HOST_ID = "runc";
    static final String URL = ItSettings.required("hearth.runc-agent.url");

    private static final Path IT_DIR = Path.of(System.getProperty("hearth.it.dir", "../../.hearth/it"));
    private static final Path REPO = Path.of(System.getProperty("hearth.repo", "../.."));
    private static final Path LOG = IT_DIR.resolve("logs/agent-runc.log");
    /** Where src/it/it-env finds the agent if a crashed test run left it behind. */
    private static final Path PID_FILE = IT_DIR.resolve("run/agent-runc.pid");

    private final Process agent;

    private RuncHostAgent(Process agent) {
        this.agent = agent;
    }

    /** Starts the agent and waits until Hearth counts it as a healthy host. */
    static RuncHostAgent start() throws IOException {
        Files.deleteIfExists(LOG);
        Process agent = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-jar",
                        REPO.resolve("connector-hypervisor/host/target/hearth-host-agent-0.1.0-SNAPSHOT-all.jar")
                                .toString(),
                        "--host-id",
                        HOST_ID,
                        "--bind",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(URI.create(URL).getPort()),
                        "--state-dir",
                        stateDir().toString(),
                        "--secret-file",
                        IT_DIR.resolve("agent.secret").toString(),
                        "--tls-keystore",
                        IT_DIR.resolve("agent-tls.p12").toString(),
                        "--tls-keystore-password-file",
                        IT_DIR.resolve("agent-tls.password").toString(),
                        "--drivers",
                        "sandbox",
                        "--container-runtime",
                        "runc")
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile())
                .start();
        Files.writeString(PID_FILE, agent.pid() + "\n");
        RuncHostAgent started = new RuncHostAgent(agent);
        try {
            Fleet.await(
                    RuncHostAgent::logSaysReady,
                    ready -> ready || !agent.isAlive(),
                    Duration.ofSeconds(60),
                    "the runc agent to start; see " + LOG);
            assertTrue(agent.isAlive(), "the runc agent exited; see " + LOG);
            Fleet.await(
                    () -> Fleet.hosts().stream()
                            .anyMatch(h -> h.getString("hostId").equals(HOST_ID) && h.getBoolean("healthy")),
                    healthy -> healthy,
                    Duration.ofSeconds(30),
                    "Hearth to find host " + HOST_ID + " healthy");
            return started;
        } catch (RuntimeException | Error e) {
            started.stopProcess();
            throw e;
        }
    }

    /**
     * Lets Hearth destroy what runs there (the host is drained until no instance of it is left),
     * stops the agent and, once Hearth has found it unreachable, takes the host back out of
     * draining, as it was before.
     */
    @Override
    public void close() {
        try {
            Fleet.drain(HOST_ID, true);
            Fleet.await(
                    () -> Fleet.instances().stream()
                            .filter(i -> i.getString("hostId").equals(HOST_ID))
                            .toList(),
                    List::isEmpty,
                    Duration.ofSeconds(30),
                    "no instance left on " + HOST_ID);
        } finally {
            stopProcess();
            // Undrained while Hearth still thinks it healthy, it would be given the next test's work.
            Fleet.await(
                    () -> Fleet.hosts().stream()
                            .anyMatch(h -> h.getString("hostId").equals(HOST_ID) && h.getBoolean("healthy")),
                    healthy -> !healthy,
                    Duration.ofSeconds(30),
                    "Hearth to find host " + HOST_ID + " unreachable");
            Fleet.drain(HOST_ID, false);
        }
    }

    private void stopProcess() {
        agent.destroy();
        try {
            if (!agent.waitFor(30, TimeUnit.SECONDS)) {
                agent.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.destroyForcibly();
        }
        try {
            Files.deleteIfExists(PID_FILE);
        } catch (IOException e) {
            // it-env finds no process behind a stale pid file, and removes it
        }
    }

    private static boolean logSaysReady() {
        try {
            return Files.exists(LOG) && Files.readString(LOG).contains("hearth-agent ready");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Beside the state folder of the environment's agent, as its command line names it. */
    private static Path stateDir() throws IOException {
        long pid =
                Long.parseLong(Files.readString(IT_DIR.resolve("run/agent.pid")).strip());
        String[] arguments = ProcessHandle.of(pid)
                .flatMap(p -> p.info().arguments())
                .orElseThrow(() -> new AssertionError("no command line of the IT environment's agent " + pid));
        for (int i = 0; i < arguments.length - 1; i++) {
            if (arguments[i].equals("--state-dir")) {
                Path local = Path.of(arguments[i + 1]);
                return local.resolveSibling(local.getFileName() + "-runc");
            }
        }
        throw new AssertionError("the IT environment's agent was started without --state-dir");
    }
}
