package dev.hearth.protocol.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.AbstractUnicodeExtraField;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * A checked code archive (zip or tar.gz) with its regular files held in memory. {@link #read}
 * streams every entry, counting the bytes actually inflated (declared sizes are never trusted) and
 * stops as soon as an {@link ArchiveLimits} bound is passed. Paths are normalised to relative
 * {@code a/b/c} form; absolute paths, {@code ..} segments, segments over {@value #MAX_SEGMENT_BYTES}
 * bytes, duplicates, special files and links of every kind are refused: links are not supported at
 * all, which keeps extraction trivially confined to its target directory.
 *
 * <p>{@link #index} makes the same checks but keeps no file's content save one small named file:
 * what a reader that only judges an archive needs, in memory bounded by the archive's own bytes.
 */
public final class CodeArchive {

    private static final int MAX_PATH_LENGTH = 1024;
    /** What Linux file systems allow of one name (NAME_MAX): the agent must be able to extract it. */
    private static final int MAX_SEGMENT_BYTES = 255;

    private static final int MAX_REPORTED_PROBLEMS = 20;
    private static final int UNIX_TYPE_MASK = 0170000;
    private static final int UNIX_REGULAR_FILE = 0100000;
    private static final int UNIX_DIRECTORY = 0040000;
    private static final int UNIX_OWNER_EXECUTE = 0100;

    private final String sha256;
    private final SortedMap<String, RegularFile> files;
    private final SortedSet<String> directories;

    /** {@code content} is null where the read did not keep it. */
    private record RegularFile(byte[] content, boolean executable) {}

    private CodeArchive(String sha256, SortedMap<String, RegularFile> files, SortedSet<String> directories) {
        this.sha256 = sha256;
        this.files = Collections.unmodifiableSortedMap(files);
        this.directories = Collections.unmodifiableSortedSet(directories);
    }

    /** Reads and checks an archive; the type (zip or tar.gz) is recognised by its content. */
    public static CodeArchive read(byte[] archive, ArchiveLimits limits) throws InvalidArchiveException {
        Collector collector = check(archive, limits, path -> limits.maxEntryBytes());
        return new CodeArchive(sha256Hex(archive), collector.files, collector.directories);
    }

    /**
     * Checks an archive as {@link #read} does, keeping its files' paths and executable bits and the
     * content of the one regular file at {@code keptPath} only, if the archive has it: every other
     * file is inflated, counted and dropped. A kept file over {@code maxKeptBytes} is refused.
     */
    public static ArchiveIndex index(byte[] archive, ArchiveLimits limits, String keptPath, int maxKeptBytes)
            throws InvalidArchiveException {
        if (maxKeptBytes <= 0) {
            throw new IllegalArgumentException("maxKeptBytes must be positive");
        }
        Collector collector = check(archive, limits, path -> path.equals(keptPath) ? maxKeptBytes : 0);
        SortedSet<String> executables = new TreeSet<>();
        collector.files.forEach((path, file) -> {
            if (file.executable()) {
                executables.add(path);
            }
        });
        RegularFile kept = collector.files.get(keptPath);
        return new ArchiveIndex(
                sha256Hex(archive),
                new TreeSet<>(collector.files.keySet()),
                executables,
                kept == null ? null : kept.content());
    }

    /** Reads every entry, keeping of each regular file's content what {@code keep} allows. */
    private static Collector check(byte[] archive, ArchiveLimits limits, ToLongFunction<String> keep)
            throws InvalidArchiveException {
        if (archive.length > limits.maxArchiveBytes()) {
            throw new InvalidArchiveException(
                    "archive is " + size(archive.length) + ", over the limit of " + size(limits.maxArchiveBytes()));
        }
        Collector collector = new Collector(limits, archive.length, keep);
        try {
            if (startsWith(archive, 'P', 'K', 3, 4) || startsWith(archive, 'P', 'K', 5, 6)) {
                readZip(archive, collector);
            } else if (startsWith(archive, 0x1f, 0x8b)) {
                readTarGz(archive, collector);
            } else {
                throw new InvalidArchiveException("not a zip or tar.gz archive");
            }
        } catch (LimitExceededException e) {
            throw new InvalidArchiveException(e.getMessage());
        } catch (IOException e) {
            throw new InvalidArchiveException(
                    "archive is damaged: " + EntryNames.printable(String.valueOf(e.getMessage())));
        }
        collector.checkTree();
        if (!collector.problems.isEmpty()) {
            throw new InvalidArchiveException(collector.problems);
        }
        return collector;
    }

    /** The SHA-256 of the archive's bytes, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    /** Normalised relative paths ({@code dir/file.py}) of the archive's regular files, sorted. */
    public Set<String> files() {
        return files.keySet();
    }

    /** A copy of the content of the regular file at {@code path}, if the archive has it. */
    public Optional<byte[]> file(String path) {
        return Optional.ofNullable(files.get(path)).map(f -> f.content().clone());
    }

    /** Whether the archive marks the regular file at {@code path} executable by its owner. */
    public boolean executable(String path) {
        RegularFile file = files.get(path);
        return file != null && file.executable();
    }

    /**
     * Writes the archive's directories and files below {@code dir}, which must be missing or
     * empty. Files are created new (never through a link) and readable by all, executable by all
     * where the archive marked them executable; directories are {@code rwxr-xr-x}.
     */
    public void extractTo(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        try (Stream<Path> existing = Files.list(root)) {
            if (existing.findAny().isPresent()) {
                throw new FileAlreadyExistsException(root.toString(), null, "not empty: cannot extract into it");
            }
        }
        setPermissions(root, "rwxr-xr-x");
        for (String directory : directories) {
            createDirectories(root, confined(root, directory));
        }
        for (var entry : files.entrySet()) {
            Path target = confined(root, entry.getKey());
            createDirectories(root, target.getParent());
            Files.write(
                    target,
                    entry.getValue().content(),
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            setPermissions(target, entry.getValue().executable() ? "rwxr-xr-x" : "rw-r--r--");
        }
    }

    private static Path confined(Path root, String relative) throws IOException {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IOException("path '" + relative + "' leaves " + root);
        }
        return target;
    }

    /** Creates the missing directories from {@code root} down to {@code dir}, refusing links. */
    private static void createDirectories(Path root, Path dir) throws IOException {
        Path current = root;
        for (Path segment : root.relativize(dir)) {
            current = current.resolve(segment);
            if (Files.isSymbolicLink(current)) {
                throw new IOException(current + " is a link");
            }
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
                setPermissions(current, "rwxr-xr-x");
            }
        }
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        PosixFileAttributeView view =
                Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            view.setPermissions(PosixFilePermissions.fromString(permissions));
        }
    }

    private static void readZip(byte[] archive, Collector collector) throws IOException, InvalidArchiveException {
        ZipDirectoryCheck.check(archive, collector.limits.maxEntries());
        try (SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel(archive);
                ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                collector.countEntry();
                String name = EntryNames.decodeUtf8(rawName(entry));
                String path = collector.normalise(name);
                int mode = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() : 0;
                int type = mode & UNIX_TYPE_MASK;
                if (path == null) {
                    continue;
                } else if (entry.isUnixSymlink()) {
                    collector.reject(name, "is a symbolic link; archives may not contain links");
                } else if (type != 0 && type != UNIX_REGULAR_FILE && type != UNIX_DIRECTORY) {
                    collector.reject(name, "is a device, pipe or other special file");
                } else if (entry.isDirectory()) {
                    collector.addDirectory(path);
                } else if (!zip.canReadEntryData(entry)) {
                    collector.reject(name, "is encrypted or uses an unsupported compression method");
                } else {
                    try (InputStream content = collector.countingTotal(zip.getInputStream(entry))) {
                        collector.addFile(path, content, (mode & UNIX_OWNER_EXECUTE) != 0);
                    }
                }
            }
        }
    }

    /**
     * The bytes of an entry's name: those of the Info-ZIP Unicode path field where Commons Compress
     * took the name from it (it is UTF-8 by definition), otherwise the central directory's.
     */
    private static byte[] rawName(ZipArchiveEntry entry) {
        if (entry.getNameSource() == ZipArchiveEntry.NameSource.UNICODE_EXTRA_FIELD
                && entry.getExtraField(UnicodePathExtraField.UPATH_ID) instanceof AbstractUnicodeExtraField unicode) {
            return unicode.getUnicodeName();
        }
        return entry.getRawName();
    }

    private static void readTarGz(byte[] archive, Collector collector) throws IOException {
        // The whole tar stream (headers and padding too) counts toward the unpacked size.
        try (InputStream tarBytes = collector.countingTotal(
                        new GzipCompressorInputStream(new ByteArrayInputStream(archive), true));
                TarArchiveInputStream tar = new ChainLimitedTarInputStream(tarBytes)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                collector.countEntry();
                String path = collector.normalise(entry.getName());
                if (path == null) {
                    continue;
                } else if (entry.isSymbolicLink()) {
                    collector.reject(entry.getName(), "is a symbolic link; archives may not contain links");
                } else if (entry.isLink()) {
                    collector.reject(entry.getName(), "is a hard link; archives may not contain links");
                } else if (!isRegularOrDirectory(entry)) {
                    collector.reject(entry.getName(), "is a device, pipe or other special file");
                } else if (entry.isDirectory()) {
                    collector.addDirectory(path);
                } else {
                    collector.addFile(path, tar, (entry.getMode() & UNIX_OWNER_EXECUTE) != 0);
                }
            }
        }
    }

    /**
     * Whether a tar entry's type flag is a regular file's ({@code '0'}, or NUL in old archives) or a
     * directory's. {@link TarArchiveEntry#isFile} also says yes to the contiguous, volume and GNU
     * dumpdir types (and, for a name without a trailing slash, to devices and pipes).
     */
    private static boolean isRegularOrDirectory(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_DIR;
    }

    /**
     * Refuses long chains of extended headers (PAX, GNU long names) before one entry: Commons
     * Compress reads each of them by calling {@link #getNextEntry} again from within, so 5,000 of
     * them (a 24 KiB tar.gz) overflowed the stack. Real archives put at most four before an entry.
     */
    private static final class ChainLimitedTarInputStream extends TarArchiveInputStream {
        private static final int MAX_CHAINED_HEADERS = 8;
        private int depth;

        ChainLimitedTarInputStream(InputStream tar) {
            // UTF-8 whatever the platform's charset: the server and the agents read the same names.
            super(tar, StandardCharsets.UTF_8.name());
        }

        @Override
        public TarArchiveEntry getNextEntry() throws IOException {
            // Each extended header nests one call; the outermost one reads the entry itself.
            if (++depth > MAX_CHAINED_HEADERS + 1) {
                throw new LimitExceededException(
                        "archive has more than " + MAX_CHAINED_HEADERS + " extended headers before one entry");
            }
            try {
                return super.getNextEntry();
            } finally {
                depth--;
            }
        }
    }

    /** The state of one read: what was accepted so far, the problems found, the bytes counted. */
    private static final class Collector {
        private final ArchiveLimits limits;
        private final long archiveBytes;
        private final long maxUnpackedBytes;
        private final ToLongFunction<String> keep;
        private final SortedMap<String, RegularFile> files = new TreeMap<>();
        private final SortedSet<String> directories = new TreeSet<>();
        private final List<String> problems = new ArrayList<>();
        private final byte[] buffer = new byte[8192];
        private long unpackedBytes;
        private int entries;

        /** {@code keep}: how many bytes of the file at a path to keep at most; 0 keeps none. */
        Collector(ArchiveLimits limits, long archiveBytes, ToLongFunction<String> keep) {
            this.limits = limits;
            this.archiveBytes = archiveBytes;
            this.maxUnpackedBytes = limits.maxUnpackedBytes(archiveBytes);
            this.keep = keep;
        }

        void countEntry() throws LimitExceededException {
            if (++entries > limits.maxEntries()) {
                throw new LimitExceededException("archive has more than " + limits.maxEntries() + " entries");
            }
        }

        /** The normalised relative path of an entry name, or null (and a problem) if refused. */
        String normalise(String name) {
            Optional<String> characterProblem = EntryNames.characterProblem(name);
            if (characterProblem.isPresent()) {
                reject(name, characterProblem.get());
                return null;
            }
            if (name.indexOf('\\') >= 0) {
                reject(name, "uses a backslash in its path; use '/'");
                return null;
            }
            if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
                reject(name, "has an absolute path");
                return null;
            }
            List<String> segments = new ArrayList<>();
            for (String segment : name.split("/")) {
                if (segment.equals("..")) {
                    reject(name, "leaves the archive root");
                    return null;
                }
                int segmentBytes = segment.getBytes(StandardCharsets.UTF_8).length;
                if (segmentBytes > MAX_SEGMENT_BYTES) {
                    reject(
                            name,
                            "has a name of " + segmentBytes + " bytes in its path; file systems allow "
                                    + MAX_SEGMENT_BYTES);
                    return null;
                }
                if (!segment.isEmpty() && !segment.equals(".")) {
                    segments.add(segment);
                }
            }
            String path = String.join("/", segments);
            if (path.length() > MAX_PATH_LENGTH) {
                reject(name, "has a path longer than " + MAX_PATH_LENGTH + " characters");
                return null;
            }
            return path;
        }

        void reject(String name, String reason) {
            if (problems.size() < MAX_REPORTED_PROBLEMS) {
                problems.add("entry '" + EntryNames.printable(name) + "' " + reason);
            }
        }

        void addDirectory(String path) {
            if (path.isEmpty()) {
                return;
            }
            if (files.containsKey(path)) {
                reject(path, "appears twice");
            }
            directories.add(path);
        }

        void addFile(String path, InputStream content, boolean executable) throws IOException {
            if (path.isEmpty()) {
                reject(path, "is a file at the archive root's own path");
                return;
            }
            byte[] bytes = readEntry(path, content, keep.applyAsLong(path));
            if (files.containsKey(path) || directories.contains(path)) {
                reject(path, "appears twice");
                return;
            }
            files.put(path, new RegularFile(bytes, executable));
        }

        /**
         * Reads an entry to its end within the entry limit; its content if at most {@code keepAtMost}
         * bytes, null (and a problem, unless nothing was to be kept) if over.
         */
        private byte[] readEntry(String path, InputStream content, long keepAtMost) throws IOException {
            ByteArrayOutputStream kept = keepAtMost > 0 ? new ByteArrayOutputStream() : null;
            long entryBytes = 0;
            int n;
            while ((n = content.read(buffer)) > 0) {
                entryBytes += n;
                if (entryBytes > limits.maxEntryBytes()) {
                    throw new LimitExceededException(
                            "entry '" + EntryNames.printable(path) + "' expands past " + size(limits.maxEntryBytes()));
                }
                if (kept != null && entryBytes <= keepAtMost) {
                    kept.write(buffer, 0, n);
                }
            }
            if (kept == null) {
                return null;
            }
            if (entryBytes > keepAtMost) {
                reject(path, "is " + size(entryBytes) + ", over the limit of " + size(keepAtMost));
                return null;
            }
            return kept.toByteArray();
        }

        /** Wraps a stream of inflated bytes so that they count toward the archive's unpacked size. */
        InputStream countingTotal(InputStream inflated) {
            return new FilterInputStream(inflated) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    // Skipped bytes are inflated too: read them so that they are counted.
                    byte[] discard = new byte[8192];
                    long skipped = 0;
                    while (skipped < n) {
                        int r = read(discard, 0, (int) Math.min(discard.length, n - skipped));
                        if (r < 0) {
                            break;
                        }
                        skipped += r;
                    }
                    return skipped;
                }
            };
        }

        private void count(long bytes) throws LimitExceededException {
            unpackedBytes += bytes;
            if (unpackedBytes > maxUnpackedBytes) {
                if (maxUnpackedBytes == limits.maxTotalBytes()) {
                    throw new LimitExceededException("archive expands past " + size(limits.maxTotalBytes()));
                }
                throw new LimitExceededException("archive of " + size(archiveBytes) + " expands past "
                        + size(maxUnpackedBytes) + " (compression ratio over " + limits.maxCompressionRatio()
                        + ")");
            }
        }

        /** Refuses files that other entries treat as directories, and archives without files. */
        void checkTree() {
            for (String path : files.keySet()) {
                for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                    String ancestor = path.substring(0, slash);
                    if (files.containsKey(ancestor)) {
                        reject(path, "lies under the file '" + EntryNames.printable(ancestor) + "'");
                    }
                }
            }
            if (files.isEmpty() && problems.isEmpty()) {
                problems.add("archive contains no files");
            }
        }
    }

    /** A limit was passed: reading stops at once. */
    private static final class LimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceededException(String message) {
            super(message);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A size as people read it: "100 MiB", "1.5 KiB", "12 bytes". */
    static String size(long bytes) {
        if (bytes >= 1L << 20) {
            return decimal(bytes / (double) (1L << 20)) + " MiB";
        }
        if (bytes >= 1L << 10) {
            return decimal(bytes / (double) (1L << 10)) + " KiB";
        }
        return bytes + " bytes";
    }

    private static String decimal(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
