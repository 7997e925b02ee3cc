package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.DriverException;
import jakarta.json.Json;
import jakarta.json.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Containers run by runc from an OCI bundle each: {@code <state dir>/bundles/<container id>}
 * holds its {@code config.json} ({@link OciConfig}) and its own root folder, where runc creates
 * the mount points (a root shared by containers would collect them all). runc keeps its state in
 * {@code <state dir>/runc}. {@code runc run} stays in the foreground: its stdout and stderr are the
 * container's, and it ends when the container's first process ends, keeping ({@code --keep}) the
 * container's cgroup, so that the agent can still read whether the kernel OOM-killed a process or
 * refused a fork; removal ({@code runc delete --force}) deletes it. The container writes its log
 * file itself (fd 3), not through runc's pipes.
 */
final class RuncLauncher implements Launcher {

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.sandbox");

    /** Hands runc's stdout (the container's log file) to the container as fd 3 too. */
    private static final String PASS_LOG = "exec 3>&1 && exec \"$@\"";

    private final String runc;
    private final HostLayout layout;
    private final Path stateRoot;
    private final Path bundles;

    private RuncLauncher(String runc, HostLayout layout, Path stateRoot, Path bundles) {
        this.runc = runc;
        this.layout = layout;
        this.stateRoot = stateRoot;
        this.bundles = bundles;
    }

    /** Prepares runc's state root and the bundles' folder under {@code stateDir}. */
    static RuncLauncher create(Path stateDir, HostLayout layout) throws DriverException {
        String runc = HostCommands.find("runc")
                .orElseThrow(() -> new DriverException(
                        "--container-runtime runc needs 'runc' (Debian package runc), which is not installed"))
                .toString();
        try {
            Path stateRoot = Files.createDirectories(stateDir.resolve("runc"));
            Path bundles = Files.createDirectories(stateDir.resolve("bundles"));
            for (Path dir : List.of(stateRoot, bundles)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            return new RuncLauncher(runc, layout, stateRoot, bundles);
        } catch (IOException e) {
            throw new DriverException("cannot prepare runc's folders in " + stateDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> command(String containerId, ContainerSpec spec) throws IOException {
        Path bundle = bundles.resolve(containerId);
        Path rootfs = Files.createDirectories(bundle.resolve("rootfs"));
        Files.setPosixFilePermissions(rootfs, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Map.Entry<String, String> link : layout.symlinks().entrySet()) {
            Path path = rootfs.resolve(link.getKey().substring(1));
            Files.createDirectories(path.getParent());
            Files.createSymbolicLink(path, Path.of(link.getValue()));
        }
        try (OutputStream out = Files.newOutputStream(bundle.resolve("config.json"));
                JsonWriter writer = Json.createWriter(out)) {
            writer.writeObject(OciConfig.of(spec, layout));
        }
        return List.of(
                "/bin/sh",
                "-c",
                PASS_LOG,
                "hearth-runc",
                runc,
                "--root",
                stateRoot.toString(),
                "run",
                "--keep",
                "--preserve-fds",
                "1",
                "--bundle",
                bundle.toString(),
                containerId);
    }

    @Override
    public void remove(String containerId) {
        try {
            if (Files.exists(stateRoot.resolve(containerId))) {
                HostCommands.run(runc, "--root", stateRoot.toString(), "delete", "--force", containerId);
            }
            // Its root folder holds only empty mount points: the mounts were in the container's namespace.
            SandboxDriver.deleteTree(bundles.resolve(containerId));
        } catch (IOException | DriverException e) {
            LOG.log(Level.WARNING, "cannot remove runc container " + containerId + ": " + e.getMessage());
        }
    }

    @Override
    public void removeAll(String prefix) {
        try (Stream<Path> containers = Stream.concat(Files.list(stateRoot), Files.list(bundles))) {
            containers
                    .map(p -> p.getFileName().toString())
                    .filter(id -> id.startsWith(prefix))
                    .distinct()
                    .toList()
                    .forEach(this::remove);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list runc's containers: " + e.getMessage());
        }
    }
}
