package dev.hearth.hypervisor.host.code;

import dev.hearth.protocol.archive.ArchiveLimits;
import dev.hearth.protocol.archive.CodeArchive;
import dev.hearth.protocol.archive.InvalidArchiveException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Code packages unpacked at {@code <state dir>/code/<sha256>/}, files and folders read-only and
 * readable by the containers' uids. A package appears there whole or not at all: it is unpacked
 * into a temporary folder and moved into place. An instance {@link #use uses} a package until it
 * uses another or is {@link #release released}; {@link #collectGarbage} removes what {@link
 * CodeRetention} says no one needs, never a package an instance holds (its containers see the
 * folder).
 */
public final class CodeStore {

    /**
     * Packages taken in at once: each holds its archive (up to 20 MiB) and, while it is checked,
     * every file of it (up to 100 MiB) in the agent's memory; many cold starts of a new function
     * send its package many times at once.
     */
    static final int MAX_TAKING_IN = 2;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String INCOMING_PREFIX = ".incoming-";

    /** A stored package's size on disk and when it was last stored or used. */
    private record Entry(long bytes, Instant lastUsed) {}

    private final Path root;
    private final CodeRetention retention;
    /** Guards the maps, and a package's folder against removal between a use and the next collection. */
    private final Object lock = new Object();

    private final Map<String, Entry> stored = new HashMap<>();
    private final Map<String, String> heldBy = new HashMap<>();
    private final Semaphore takingIn = new Semaphore(MAX_TAKING_IN, true);

    /** A turn to read a package in and store it, ended by {@link #close}. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    private CodeStore(Path root, CodeRetention retention) {
        this.root = root;
        this.retention = retention;
    }

    /**
     * Opens the store under {@code stateDir}, removing half-unpacked packages of an earlier run;
     * the packages found count as used when they were last modified.
     */
    public static CodeStore open(Path stateDir, CodeRetention retention) throws IOException {
        Path root = Files.createDirectories(stateDir.resolve("code"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        CodeStore store = new CodeStore(root, retention);
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(INCOMING_PREFIX)) {
                    deleteTree(entry);
                } else if (isSha256(name)) {
                    store.stored.put(
                            name,
                            new Entry(
                                    sizeOf(entry),
                                    Files.getLastModifiedTime(entry).toInstant()));
                }
            }
        }
        return store;
    }

    /**
     * The folder of package {@code sha256} for instance {@code instanceId}, which holds it from now
     * until it uses another or is released; empty when the package is not stored.
     */
    public Optional<Path> use(String instanceId, String sha256) {
        synchronized (lock) {
            if (!has(sha256)) {
                return Optional.empty();
            }
            heldBy.put(instanceId, sha256);
            stored.computeIfPresent(sha256, (sha, entry) -> new Entry(entry.bytes(), Instant.now()));
            return Optional.of(dir(sha256));
        }
    }

    /** The instance is gone: it holds no package any more. */
    public void release(String instanceId) {
        synchronized (lock) {
            heldBy.remove(instanceId);
        }
    }

    /** Removes the packages {@link CodeRetention} lets go at {@code now}; returns their SHA-256s. */
    public List<String> collectGarbage(Instant now) throws IOException {
        synchronized (lock) {
            List<CodeRetention.Stored> packages = stored.entrySet().stream()
                    .map(e -> new CodeRetention.Stored(
                            e.getKey(),
                            e.getValue().bytes(),
                            e.getValue().lastUsed(),
                            heldBy.containsValue(e.getKey())))
                    .toList();
            List<String> removed = retention.toRemove(packages, now);
            for (String sha256 : removed) {
                stored.remove(sha256);
                deleteTree(root.resolve(sha256));
            }
            return removed;
        }
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
     * Waits for a turn to read a package in and {@link #store} it: at most {@value #MAX_TAKING_IN}
     * at once. Whoever gets one should ask {@link #has} again: the package may have come meanwhile.
     */
    public Turn awaitTurn() throws InterruptedException {
        takingIn.acquire();
        return takingIn::release;
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
            long bytes = sizeOf(incoming);
            synchronized (lock) {
                // Sent twice at once, the package may have been moved into place meanwhile; a move
                // onto it would fail ("Directory not empty").
                if (has(sha256)) {
                    return;
                }
                Files.move(incoming, root.resolve(sha256), StandardCopyOption.ATOMIC_MOVE);
                stored.put(sha256, new Entry(bytes, Instant.now()));
            }
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            if (!has(sha256)) {
                throw e;
            }
        } finally {
            deleteTree(incoming);
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            long bytes = 0;
            for (Path path : tree.toList()) {
                bytes += Files.isRegularFile(path) ? Files.size(path) : 0;
            }
            return bytes;
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

    /** Deletes a package made read-only: its folders are made writable first, which only root may skip. */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path folder : tree.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            }
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
