package dev.hearth.hypervisor.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.host.sandbox.ContainerRuntime;
import dev.hearth.hypervisor.host.sandbox.ContainerUids;
import dev.hearth.hypervisor.host.sandbox.IdleContainers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    @Test
    void usesDefaultsWhenOnlyTheSecretFileIsGiven() throws Exception {
        AgentConfig config = AgentConfig.parse(List.of("--secret-file", "/etc/hearth/secret"), Map.of(), "host-a");

        assertEquals(
                new AgentConfig(
                        "127.0.0.1",
                        9700,
                        "host-a",
                        Path.of("/var/lib/hearth-agent"),
                        Path.of("/etc/hearth/secret"),
                        16,
                        100,
                        List.of("sandbox"),
                        Path.of("/var/cache/hearth/guest"),
                        ContainerRuntime.BWRAP,
                        new ContainerUids(200_000, 265_535),
                        IdleContainers.FROZEN,
                        new AgentConfig.Transport.PlainLoopback()),
                config);
    }

    @Test
    void readsTheContainerUidsAndRefusesARangeThatIsNone() throws Exception {
        Map<String, String> env = Map.of("HEARTH_AGENT_SECRET_FILE", "/s");

        assertEquals(
                new ContainerUids(1_000_000, 1_065_535),
                AgentConfig.parse(List.of("--container-uids", "1000000-1065535"), env, "h")
                        .containerUids());
        assertEquals(
                "--container-uids: the container uids are written FIRST-LAST, not '200000'",
                assertThrows(
                                AgentConfig.ConfigException.class,
                                () -> AgentConfig.parse(List.of("--container-uids", "200000"), env, "h"))
                        .getMessage());
        assertEquals(
                "--container-uids: the container uids must be at least 16 ids above 0, not 300-200",
                assertThrows(
                                AgentConfig.ConfigException.class,
                                () -> AgentConfig.parse(List.of("--container-uids=300-200"), env, "h"))
                        .getMessage());
    }

    @Test
    void leavesIdleContainersRunningOnlyWhenAskedTo() throws Exception {
        Map<String, String> env = Map.of("HEARTH_AGENT_SECRET_FILE", "/s");

        assertEquals(
                IdleContainers.RUNNING,
                AgentConfig.parse(List.of("--idle-containers", "running"), env, "h")
                        .idleContainers());
        assertEquals(
                "--idle-containers must be one of [frozen, running], not 'paused'",
                assertThrows(
                                AgentConfig.ConfigException.class,
                                () -> AgentConfig.parse(List.of("--idle-containers", "paused"), env, "h"))
                        .getMessage());
    }

    @Test
    void choosesTheContainerRuntimeByFlagOrVariable() throws Exception {
        Map<String, String> env = Map.of("HEARTH_AGENT_SECRET_FILE", "/s");

        assertEquals(
                ContainerRuntime.RUNC,
                AgentConfig.parse(List.of("--container-runtime", "runc"), env, "h")
                        .containerRuntime());
        assertEquals(
                ContainerRuntime.RUNC,
                AgentConfig.parse(
                                List.of(),
                                Map.of("HEARTH_AGENT_SECRET_FILE", "/s", "HEARTH_AGENT_CONTAINER_RUNTIME", "runc"),
                                "h")
                        .containerRuntime());
        assertEquals(
                "--container-runtime must be one of [bwrap, runc], not 'docker'",
                assertThrows(
                                AgentConfig.ConfigException.class,
                                () -> AgentConfig.parse(List.of("--container-runtime=docker"), env, "h"))
                        .getMessage());
    }

    @Test
    void servesTlsWithAKeystoreAndItsPasswordFile() throws Exception {
        assertEquals(
                new AgentConfig.Transport.Tls(Path.of("/k.p12"), Path.of("/k.pass")),
                AgentConfig.parse(
                                List.of("--bind", "::", "--tls-keystore", "/k.p12"),
                                Map.of(
                                        "HEARTH_AGENT_SECRET_FILE",
                                        "/s",
                                        "HEARTH_AGENT_TLS_KEYSTORE_PASSWORD_FILE",
                                        "/k.pass"),
                                "h")
                        .transport());
        assertEquals(
                "--tls-keystore needs --tls-keystore-password-file (or HEARTH_AGENT_TLS_KEYSTORE_PASSWORD_FILE)",
                assertThrows(
                                AgentConfig.ConfigException.class,
                                () -> AgentConfig.parse(
                                        List.of("--secret-file", "/s", "--tls-keystore", "/k.p12"), Map.of(), "h"))
                        .getMessage());
    }

    @Test
    void servesPlainHttpOnLoopbackOnly() throws Exception {
        for (String loopback : List.of("127.0.0.1", "127.0.0.2", "::1")) {
            assertEquals(
                    new AgentConfig.Transport.PlainLoopback(),
                    AgentConfig.parse(List.of("--secret-file", "/s", "--bind", loopback), Map.of(), "h")
                            .transport());
        }
        for (String network : List.of("0.0.0.0", "::", "10.1.2.3")) {
            assertEquals(
                    "refusing plain HTTP on " + network + ", which is not a loopback address: give --tls-keystore"
                            + " and --tls-keystore-password-file",
                    assertThrows(
                                    AgentConfig.ConfigException.class,
                                    () -> AgentConfig.parse(
                                            List.of("--secret-file", "/s", "--bind", network), Map.of(), "h"))
                            .getMessage());
        }
    }

    @Test
    void flagsWinOverEnvironmentVariables() throws Exception {
        AgentConfig config = AgentConfig.parse(
                List.of("--port=9801", "--capacity", "4", "--cpu-percent", "50"),
                Map.of("HEARTH_AGENT_PORT", "9999", "HEARTH_AGENT_SECRET_FILE", "/s", "HEARTH_AGENT_HOST_ID", "h7"),
                "ignored");

        assertEquals(9801, config.port());
        assertEquals(4, config.capacity());
        assertEquals(50, config.cpuPercent());
        assertEquals("h7", config.hostId());
        assertEquals(Path.of("/s"), config.secretFile());
    }

    @Test
    void explainsWhatIsWrong() {
        assertEquals(
                "--secret-file (or HEARTH_AGENT_SECRET_FILE) is required",
                assertThrows(AgentConfig.ConfigException.class, () -> AgentConfig.parse(List.of(), Map.of(), "h"))
                        .getMessage());
        assertEquals(
                "--port must be a number, not 'http'",
                assertThrows(
                                AgentConfig.ConfigException.class,
                                () -> AgentConfig.parse(
                                        List.of("--secret-file", "/s", "--port", "http"), Map.of(), "h"))
                        .getMessage());
        assertEquals(
                "unknown option --colour (see --help)",
                assertThrows(
                                AgentConfig.ConfigException.class,
                                () -> AgentConfig.parse(List.of("--colour", "red"), Map.of(), "h"))
                        .getMessage());
    }

    @Test
    void helpListsEveryFlagWithItsVariable() {
        String help = AgentConfig.help();

        for (String flag : List.of(
                "--bind",
                "--port",
                "--host-id",
                "--state-dir",
                "--secret-file",
                "--capacity",
                "--cpu-percent",
                "--container-runtime",
                "--tls-keystore",
                "--tls-keystore-password-file")) {
            assertTrue(help.contains(flag), flag);
        }
        assertTrue(help.contains("HEARTH_AGENT_SECRET_FILE"));
        assertTrue(help.contains("HEARTH_AGENT_CONTAINER_RUNTIME"));
        assertTrue(help.contains("HEARTH_AGENT_TLS_KEYSTORE_PASSWORD_FILE"));
    }
}
