package dev.hearth.hypervisor.host.code;

import dev.hearth.hypervisor.api.archive.ArchiveLimits;
import dev.hearth.hypervisor.api.archive.CodeArchive;
import dev.hearth.hypervisor.api.archive.InvalidArchiveException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Code packages unpacked at {@code <state dir>/code/<sha256>/}, files and folders read-only and
 * readable by the containers' uids. A package appears there whole or not at all: it is unpacked
 * into a temporary folder and moved into place.
 */
public final class CodeStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String INCOMING_PREFIX = ".incoming-";

    private final Path root;

    private CodeStore(Path root) {
        this.root = root;
    }

    /** Opens the store under {@code stateDir}, removing half-unpacked packages of an earlier run. */
    public static CodeStore open(Path stateDir) throws IOException {
        Path root = Files.createDirectories(stateDir.resolve("code"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> entries = Files.list(root)) {
            for (Path leftover : entries.filter(p -> p.getFileName().toString().startsWith(INCOMING_PREFIX))
                    .toList()) {
                deleteTree(leftover);
            }
        }
        return new CodeStore(root);
    }

    public static boolean isSha256(String text) {
        return text != null && SHA256.matcher(text).matches();
    }

    public boolean has(String sha256) {
        return isSha256(sha256) && Files.isDirectory(root.resolve(sha256));
    }

    /** The folder of a stored package. */
    public Path dir(String sha256) {
        if (!isSha256(sha256)) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256);
    }

    /**
     * Checks and stores a package whose SHA-256 must be {@code sha256}; storing one that is
     * already there changes nothing.
     */
    public void store(String sha256, byte[] archive) throws InvalidArchiveException, IOException {
        CodeArchive code = CodeArchive.read(archive, ArchiveLimits.DEFAULT);
        if (!code.sha256().equals(sha256)) {
            throw new InvalidArchiveException("the archive's SHA-256 is " + code.sha256() + ", not " + sha256);
        }
        if (has(sha256)) {
            return;
        }
        Path incoming = root.resolve(INCOMING_PREFIX + UUID.randomUUID());
        try {
            code.extractTo(incoming);
            makeReadOnly(incoming);
            Files.move(incoming, root.resolve(sha256), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            if (!has(sha256)) {
                throw e;
            }
        } finally {
            deleteTree(incoming);
        }
    }

    private static void makeReadOnly(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                boolean searchable = Files.isDirectory(path) || Files.isExecutable(path);
                Files.setPosixFilePermissions(
                        path, PosixFilePermissions.fromString(searchable ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
