package dev.hearth.protocol.archive;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A checked code archive as a judge of it keeps it ({@link CodeArchive#index}): its SHA-256, its
 * regular files' paths, which of them are executable, and the content of at most one small file.
 */
public final class ArchiveIndex {

    private final String sha256;
    private final SortedSet<String> files;
    private final SortedSet<String> executables;
    private final byte[] kept;

    /** {@code kept}: the content of the file asked for, or null if the archive has none at that path. */
    ArchiveIndex(String sha256, SortedSet<String> files, SortedSet<String> executables, byte[] kept) {
        this.sha256 = sha256;
        this.files = Collections.unmodifiableSortedSet(files);
        this.executables = Collections.unmodifiableSortedSet(executables);
        this.kept = kept;
    }

    /** The SHA-256 of the archive's bytes, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    /** Normalised relative paths ({@code dir/file.py}) of the archive's regular files, sorted. */
    public SortedSet<String> files() {
        return files;
    }

    /** The paths of the regular files that the archive marks executable by their owner, sorted. */
    public SortedSet<String> executables() {
        return executables;
    }

    /** A copy of the content of the file the index was asked to keep, if the archive has it. */
    public Optional<byte[]> keptFile() {
        return Optional.ofNullable(kept).map(byte[]::clone);
    }
}
