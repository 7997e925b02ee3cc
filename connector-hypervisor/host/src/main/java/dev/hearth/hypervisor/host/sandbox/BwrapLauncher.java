package dev.hearth.hypervisor.host.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.hypervisor.host.driver.DriverException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Containers run by bubblewrap: one command line, whose bubblewrap options (host paths, uid,
 * environment) travel in a file, {@code <state dir>/bwrap/<container id>} (root's alone), that the
 * launching shell opens for {@code bwrap --args} and removes; nothing else is kept once its
 * processes are gone.
 */
final class BwrapLauncher implements Launcher {

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.sandbox");

    private final HostLayout layout;
    private final SandboxCommands.ProcMasks masks;
    private final Path optionsDir;

    private BwrapLauncher(HostLayout layout, SandboxCommands.ProcMasks masks, Path optionsDir) {
        this.layout = layout;
        this.masks = masks;
        this.optionsDir = optionsDir;
    }

    /** Prepares the options' folder under {@code stateDir}; masks what this host's /proc has of the masked paths. */
    static BwrapLauncher create(Path stateDir, HostLayout layout) throws DriverException {
        try {
            Path optionsDir = Files.createDirectories(stateDir.resolve("bwrap"));
            Files.setPosixFilePermissions(optionsDir, PosixFilePermissions.fromString("rwx------"));
            return new BwrapLauncher(layout, SandboxCommands.ProcMasks.of(Path.of("/")), optionsDir);
        } catch (IOException e) {
            throw new DriverException("cannot prepare bwrap's folder in " + stateDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> command(String containerId, ContainerSpec spec) throws IOException {
        ByteArrayOutputStream options = new ByteArrayOutputStream();
        for (String option : SandboxCommands.bwrapOptions(spec, layout, masks)) {
            if (option.indexOf('\0') >= 0) {
                throw new IOException("a bubblewrap option holds a NUL: " + option.replace('\0', '?'));
            }
            options.write(option.getBytes(UTF_8));
            options.write(0);
        }
        Path file = optionsDir.resolve(containerId);
        Files.write(file, options.toByteArray());
        return SandboxCommands.container(spec, file);
    }

    @Override
    public void remove(String containerId) {
        try {
            // The launching shell removed it, unless the container never started.
            Files.deleteIfExists(optionsDir.resolve(containerId));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot remove bwrap options of " + containerId + ": " + e.getMessage());
        }
    }

    @Override
    public void removeAll(String prefix) {
        try (Stream<Path> files = Files.list(optionsDir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(id -> id.startsWith(prefix))
                    .toList()
                    .forEach(this::remove);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list bwrap's options: " + e.getMessage());
        }
    }
}
