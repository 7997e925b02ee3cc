package dev.hearth.hypervisor.host;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.host.sandbox.ContainerRuntime;
import dev.hearth.protocol.wire.CreateInstanceRequest;
import dev.hearth.protocol.wire.InstanceView;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * The real agent, in-process, on a loopback port with a temporary state directory, and a client
 * of its REST API as the resource adapter uses it. Needs root, bwrap (or runc), socat and cgroup
 * v1, as the agent does: the tests that use it fail (never skip) without them.
 */
final class RunningAgent implements AutoCloseable {

    final String secret = "test-secret-" + UUID.randomUUID();
    final Jsonb jsonb = JsonbBuilder.create();
    final Path stateDir;
    /** Where the agent keeps its working files: its state volume, mounted while it runs. */
    final Path filesDir;

    final Path secretFile;
    final HostAgent agent;
    final URI base;
    private boolean stopped;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path root;

    RunningAgent(int capacity) throws Exception {
        this(capacity, ContainerRuntime.BWRAP);
    }

    RunningAgent(int capacity, ContainerRuntime containerRuntime) throws Exception {
        this(capacity, containerRuntime, List.of());
    }

    /** With further flags; with {@code --tls-keystore} the client of {@link #send} does not trust it (AgentTlsTest). */
    RunningAgent(int capacity, ContainerRuntime containerRuntime, List<String> moreFlags) throws Exception {
        assertEquals("root", System.getProperty("user.name"), "the agent's tests must run as root");
        root = Files.createTempDirectory(Path.of("/tmp"), "hearth-agent-test-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        secretFile = root.resolve("secret");
        Files.writeString(secretFile, secret + "\n");
        stateDir = root.resolve("state");
        filesDir = stateDir.resolve("files");
        List<String> flags = new ArrayList<>(List.of(
                "--port",
                "0",
                "--state-dir",
                stateDir.toString(),
                "--secret-file",
                secretFile.toString(),
                "--capacity",
                Integer.toString(capacity),
                "--container-runtime",
                containerRuntime.settingName()));
        flags.addAll(moreFlags);
        agent = HostAgent.start(AgentConfig.parse(flags, Map.of(), "test-host"));
        base = URI.create(agent.url());
    }

    int port() {
        return agent.address().getPort();
    }

    InstanceView createInstance(String owner) throws Exception {
        return createInstance(owner, "python3");
    }

    /**
     * An instance booted for {@code runtime}; with no {@code owner}, a warming-pool instance whose
     * stem cells wait for that runtime's functions.
     */
    InstanceView createInstance(String owner, String runtime) throws Exception {
        HttpResponse<String> response = send(
                "POST",
                "/v1/instances",
                body(new CreateInstanceRequest(owner, runtime, "sandbox", "it-member")),
                secret);
        assertEquals(201, response.statusCode(), response.body());
        InstanceView view = jsonb.fromJson(response.body(), InstanceView.class);
        assertEquals("ready", view.state());
        assertEquals("it-member", view.member(), "the agent keeps the booting member's label");
        return view;
    }

    void destroyInstance(String instanceId) throws Exception {
        assertEquals(
                204, send("DELETE", "/v1/instances/" + instanceId, null, secret).statusCode());
    }

    InvokeResult invoke(String instanceId, InvokeRequest request) throws Exception {
        HttpResponse<String> response =
                send("POST", "/v1/instances/" + instanceId + "/invocations", body(request), secret);
        assertEquals(200, response.statusCode(), response.body());
        return jsonb.fromJson(response.body(), InvokeResult.class);
    }

    /** Uploads a code package and returns its SHA-256. */
    String upload(byte[] archive) throws Exception {
        String sha = sha256(archive);
        HttpResponse<String> response = send("PUT", "/v1/code/" + sha, archive, secret);
        assertEquals(204, response.statusCode(), response.body());
        return sha;
    }

    byte[] body(Object value) {
        return jsonb.toJson(value).getBytes(UTF_8);
    }

    HttpResponse<String> send(String method, String path, byte[] body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The processes left in an instance's cgroup (all its containers). */
    static long processesIn(String instanceId) throws IOException {
        return pidsIn(instanceId).size();
    }

    /** The command names of the processes in an instance's cgroup. */
    static List<String> commandsIn(String instanceId) throws IOException {
        List<String> commands = new ArrayList<>();
        for (String pid : pidsIn(instanceId)) {
            try {
                commands.add(Files.readString(Path.of("/proc", pid, "comm")).strip());
            } catch (IOException e) {
                // ended meanwhile
            }
        }
        return commands;
    }

    /** The host's pids of the processes in an instance's cgroup whose command name is {@code command}. */
    static List<String> pidsOf(String instanceId, String command) throws IOException {
        List<String> found = new ArrayList<>();
        for (String pid : pidsIn(instanceId)) {
            try {
                if (Files.readString(Path.of("/proc", pid, "comm")).strip().equals(command)) {
                    found.add(pid);
                }
            } catch (IOException e) {
                // ended meanwhile
            }
        }
        return found;
    }

    private static List<String> pidsIn(String instanceId) throws IOException {
        Path cgroup = Path.of("/sys/fs/cgroup/pids/hearth", instanceId);
        if (!Files.isDirectory(cgroup)) {
            return List.of();
        }
        try (Stream<Path> tree = Files.walk(cgroup)) {
            List<String> pids = new ArrayList<>();
            for (Path procs : tree.filter(p -> p.getFileName().toString().equals("cgroup.procs"))
                    .toList()) {
                Files.readAllLines(procs).stream().filter(l -> !l.isBlank()).forEach(pids::add);
            }
            return pids;
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A zip of a folder's files; files executable on disk stay executable in the archive. */
    static byte[] zipFolder(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path file : tree.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(file.getKey());
                boolean executable = Files.getPosixFilePermissions(folder.resolve(file.getKey()))
                        .contains(PosixFilePermission.OWNER_EXECUTE);
                entry.setUnixMode(executable ? 0100755 : 0100644);
                zip.putArchiveEntry(entry);
                zip.write(file.getValue());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : new TreeMap<>(files).entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Stops the agent, which unmounts its volume; its files stay until {@link #close}. */
    void stop() {
        if (!stopped) {
            stopped = true;
            agent.close();
        }
    }

    /** Whether a stopped agent left {@code relative} in its volume, looked at through a read-only mount. */
    boolean leftInVolume(String relative) throws Exception {
        assertTrue(stopped, "the agent has unmounted its volume");
        Path look = Files.createTempDirectory(root, "volume-");
        Path volume = stateDir.resolve("files.ext4");
        assertEquals(
                0,
                new ProcessBuilder("mount", "-o", "loop,ro", volume.toString(), look.toString())
                        .inheritIO()
                        .start()
                        .waitFor());
        try {
            return Files.exists(look.resolve(relative));
        } finally {
            assertEquals(
                    0,
                    new ProcessBuilder("umount", look.toString())
                            .inheritIO()
                            .start()
                            .waitFor());
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
