package dev.hearth.hypervisor.host.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files and folders the agent makes for a container's uid in the container's folder. */
final class OwnedFiles {

    private OwnedFiles() {}

    /** Gives {@code path} to {@code uid} (user and group) with {@code permissions}, e.g. {@code r--------}. */
    static void ownedBy(Path path, int uid, String permissions) throws IOException {
        Files.setAttribute(path, "unix:uid", uid);
        Files.setAttribute(path, "unix:gid", uid);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    /** The uid that owns {@code path}: a container's folder belongs to the container's uid. */
    static int ownerOf(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid");
    }

    /**
     * Replaces {@code target} with {@code content} in one step, readable by the owner of {@code
     * runDir} alone: the container never sees a half-written file.
     */
    static void replace(Path runDir, Path target, String content) throws IOException {
        Path next = runDir.resolve(".next-" + target.getFileName());
        Files.writeString(next, content, UTF_8);
        ownedBy(next, ownerOf(runDir), "r--------");
        Files.move(next, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
