package dev.hearth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The control plane of the environment ./hearth up made (src/it/it-env) is locked, as issue 10 asks:
 * Payara's admin port wants the generated password, PostgreSQL refuses a login without one,
 * Payara, Keycloak and PostgreSQL do not run as root, and none of their ports but Payara's HTTP
 * and HTTPS listeners is bound to an address other than loopback. Only loopback is ever contacted;
 * the listening sockets are read from {@code ss}.
 */
class ControlPlaneIT {

    private static final Path IT_DIR = Path.of(System.getProperty("hearth.it.dir", "../../.hearth/it"));
    private static final int ADMIN_PORT = Integer.parseInt(ItSettings.required("payara.admin.port"));
    private static final int HTTP_PORT = URI.create(HearthApi.API).getPort();
    private static final int PG_PORT = Integer.parseInt(ItSettings.required("hearth.it.pg.port"));
    private static final String ADMIN_VERSION = "http://127.0.0.1:" + ADMIN_PORT + "/management/domain/version.json";

    @Test
    void payarasAdminPortWantsTheGeneratedPassword() {
        assertEquals(
                401,
                HearthApi.send(HttpRequest.newBuilder(URI.create(ADMIN_VERSION)).GET())
                        .status(),
                "the admin REST API without a password");

        String basic = Base64.getEncoder()
                .encodeToString(("admin:" + System.getProperty("AS_ADMIN_PASSWORD")).getBytes(StandardCharsets.UTF_8));
        HearthApi.Answer withPassword = HearthApi.send(HttpRequest.newBuilder(URI.create(ADMIN_VERSION))
                .header("Authorization", "Basic " + basic)
                .header("Accept", "application/json")
                .GET());
        assertEquals(200, withPassword.status(), withPassword.body());
    }

    @Test
    void postgresqlRefusesALoginWithoutPassword() throws Exception {
        String socketFolder = IT_DIR.resolve("postgres").toString();
        for (String host : List.of("127.0.0.1", socketFolder)) {
            for (String role : List.of("postgres", "hearth")) {
                Psql refused = psql(host, role, null);
                assertNotEquals(0, refused.exitCode(), role + " at " + host + " logged in without a password");
                assertTrue(refused.output().contains("password"), refused.output());
            }
        }
        String superuserPassword =
                Files.readString(IT_DIR.resolve("postgres-superuser.password")).strip();
        Psql withPassword = psql("127.0.0.1", "postgres", superuserPassword);
        assertEquals(0, withPassword.exitCode(), "the superuser with its password: " + withPassword.output());
    }

    @Test
    void payaraKeycloakAndPostgresqlDoNotRunAsRoot() throws IOException {
        for (Map.Entry<String, Long> service : servicePids().entrySet()) {
            String user = ProcessHandle.of(service.getValue())
                    .flatMap(process -> process.info().user())
                    .orElseThrow(() -> new AssertionError(service.getKey() + " is not running"));
            assertNotEquals("root", user, service.getKey() + " runs as root");
        }
    }

    @Test
    void onlyPayarasHttpListenersFaceTheNetwork() throws Exception {
        Map<String, Long> services = servicePids();
        List<Listener> listeners = listeners();
        long payara = services.get("payara");
        assertTrue(
                listeners.contains(new Listener(payara, "127.0.0.1", ADMIN_PORT))
                        || listeners.contains(new Listener(payara, "::ffff:127.0.0.1", ADMIN_PORT)),
                "Payara's admin listener on loopback: " + listeners);
        for (Map.Entry<String, Long> service : services.entrySet()) {
            // Keycloak's pid file names kc.sh, whose child Java process holds the sockets.
            Set<Long> pids = ProcessHandle.of(service.getValue())
                    .map(process -> Stream.concat(Stream.of(process), process.descendants()))
                    .orElseThrow(() -> new AssertionError(service.getKey() + " is not running"))
                    .map(ProcessHandle::pid)
                    .collect(Collectors.toSet());
            assertTrue(
                    listeners.stream().anyMatch(listener -> pids.contains(listener.pid())),
                    service.getKey() + " holds no listening socket: " + listeners);
            for (Listener listener : listeners) {
                if (!pids.contains(listener.pid()) || isLoopback(listener.address())) {
                    continue;
                }
                boolean httpListener = service.getKey().equals("payara")
                        && (listener.port() == HTTP_PORT || listener.port() == HTTP_PORT + 1);
                assertTrue(httpListener, service.getKey() + " listens beyond loopback: " + listener);
            }
        }
    }

    /** Payara, Keycloak and PostgreSQL by their pid files. */
    private static Map<String, Long> servicePids() throws IOException {
        return Map.of(
                "payara", pid(IT_DIR.resolve("payara/hearth/config/pid")),
                "keycloak", pid(IT_DIR.resolve("run/keycloak.pid")),
                "postgresql", pid(IT_DIR.resolve("postgres/postmaster.pid")));
    }

    private static long pid(Path file) throws IOException {
        return Long.parseLong(Files.readAllLines(file).get(0).strip());
    }

    record Listener(long pid, String address, int port) {}

    private static final Pattern SS_LINE =
            Pattern.compile("^LISTEN\\s+\\d+\\s+\\d+\\s+(\\S+):(\\d+)\\s+\\S+\\s+users:\\((.*)\\)\\s*$");
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    /** Every listening TCP socket with the pid of each process that holds it ({@code ss -ltnpH}). */
    private static List<Listener> listeners() throws Exception {
        Process ss =
                new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
        String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ss.waitFor(), output);
        List<Listener> listeners = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Matcher socket = SS_LINE.matcher(line);
            if (!socket.matches()) {
                continue;
            }
            String address = socket.group(1).replaceAll("^\\[|\\]$", "").replaceAll("%.*$", "");
            Matcher pid = PID.matcher(socket.group(3));
            while (pid.find()) {
                listeners.add(new Listener(Long.parseLong(pid.group(1)), address, Integer.parseInt(socket.group(2))));
            }
        }
        assertFalse(listeners.isEmpty(), "no listening socket with its process in: " + output);
        return listeners;
    }

    /** A literal address from ss ({@code *} is every address); never a name, so no look-up. */
    private static boolean isLoopback(String address) throws IOException {
        return !address.equals("*") && InetAddress.getByName(address).isLoopbackAddress();
    }

    record Psql(int exitCode, String output) {}

    /** psql as {@code role} at {@code host} (an address or the socket folder), never prompting. */
    private static Psql psql(String host, String role, String password) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "psql",
                        "-w",
                        "-h",
                        host,
                        "-p",
                        String.valueOf(PG_PORT),
                        "-U",
                        role,
                        "-d",
                        "postgres",
                        "-c",
                        "select 1")
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        if (password != null) {
            builder.environment().put("PGPASSWORD", password);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "psql did not finish");
        return new Psql(process.exitValue(), output);
    }
}
