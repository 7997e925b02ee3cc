package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.DriverException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The file system that holds the agent's working files (the code store, the containers' folders,
 * the runtime image, the runtimes' shims): ext4 in a sparse file of the state folder, mounted on
 * its {@code files} folder. A container's {@code /proc/self/mountinfo} shows, for each bind mount,
 * the path of the bound folder inside the file system it comes from: on the host's disk that
 * path named the host's folders; on this file system it names only the agent's own layout below
 * its root. Its contents can be made again (the runtime image is rebuilt, code packages are sent
 * again), so a volume that does not mount is made anew.
 */
public final class StateVolume implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.sandbox");

    /** Sparse: the host's disk holds only what is written (and, mounted with discard, frees what is deleted). */
    static final long SIZE_BYTES = 16L << 30;

    private static final String OPTIONS = "loop,nodev,nosuid,discard";

    private final Path files;

    private StateVolume(Path files) {
        this.files = files;
    }

    /**
     * Mounts the volume of {@code stateDir}, making it if there is none or it does not mount; one
     * left mounted by an agent that did not stop is taken over.
     */
    public static StateVolume mount(Path stateDir) throws DriverException {
        if (HostCommands.find("mkfs.ext4").isEmpty()) {
            throw new DriverException("the agent needs 'mkfs.ext4' (Debian package e2fsprogs), which is not installed");
        }
        Path image = stateDir.resolve("files.ext4");
        Path files = stateDir.resolve("files");
        try {
            Files.createDirectories(files);
            if (!HostCommands.isMountPoint(files)) {
                if (!Files.exists(image)) {
                    make(image);
                }
                try {
                    HostCommands.run("mount", "-t", "ext4", "-o", OPTIONS, image.toString(), files.toString());
                } catch (DriverException e) {
                    LOG.log(
                            Level.WARNING,
                            "the state volume " + image + " does not mount; making it anew: " + e.getMessage());
                    make(image);
                    HostCommands.run("mount", "-t", "ext4", "-o", OPTIONS, image.toString(), files.toString());
                }
            }
            // The containers' uids pass through it to the folders bound into them, as through the state folder.
            Files.setPosixFilePermissions(files, PosixFilePermissions.fromString("rwx--x--x"));
            return new StateVolume(files);
        } catch (IOException e) {
            throw new DriverException("cannot prepare the state volume " + image + ": " + e.getMessage(), e);
        }
    }

    private static void make(Path image) throws IOException, DriverException {
        Files.deleteIfExists(image);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(SIZE_BYTES);
        }
        Files.setPosixFilePermissions(image, PosixFilePermissions.fromString("rw-------"));
        HostCommands.run("mkfs.ext4", "-q", "-F", "-m", "0", "-L", "hearth-state", image.toString());
    }

    /** The mounted folder the agent keeps its working files in. */
    public Path files() {
        return files;
    }

    /** Unmounts the volume; the mounts made in it (instances' log folders) must be gone already. */
    @Override
    public void close() {
        try {
            HostCommands.run("umount", files.toString());
        } catch (DriverException e) {
            LOG.log(Level.WARNING, "cannot unmount " + files + " (" + e.getMessage() + "); detaching it lazily");
            try {
                HostCommands.run("umount", "--lazy", files.toString());
            } catch (DriverException lazy) {
                LOG.log(Level.WARNING, "cannot detach " + files + ": " + lazy.getMessage());
            }
        }
    }
}
