package dev.hearth.protocol.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeArchiveTest {

    /** One entry of a test archive: a file (mode 0644/0755), a directory or a symbolic link. */
    private record Item(String name, byte[] content, int unixMode, String linkTarget) {
        static Item file(String name, String content) {
            return new Item(name, content.getBytes(UTF_8), 0100644, null);
        }

        static Item executable(String name, String content) {
            return new Item(name, content.getBytes(UTF_8), 0100755, null);
        }

        static Item large(String name, byte[] content) {
            return new Item(name, content, 0100644, null);
        }

        static Item directory(String name) {
            return new Item(name, new byte[0], 040755, null);
        }

        static Item symlink(String name, String target) {
            return new Item(name, target.getBytes(UTF_8), 0120777, target);
        }
    }

    private static byte[] zip(Item... items) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Item item : items) {
                ZipArchiveEntry entry = new ZipArchiveEntry(item.name());
                entry.setUnixMode(item.unixMode());
                zip.putArchiveEntry(entry);
                zip.write(item.content());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] tarGz(Item... items) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item item : items) {
                TarArchiveEntry entry;
                if (item.linkTarget() != null) {
                    entry = new TarArchiveEntry(item.name(), TarConstants.LF_SYMLINK);
                    entry.setLinkName(item.linkTarget());
                } else {
                    entry = new TarArchiveEntry(item.name());
                    entry.setMode(item.unixMode());
                    entry.setSize(item.unixMode() == 040755 ? 0 : item.content().length);
                }
                tar.putArchiveEntry(entry);
                if (item.linkTarget() == null && item.unixMode() != 040755) {
                    tar.write(item.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** What {@link CodeArchive#read} refuses of an archive; {@link CodeArchive#index} must refuse the same. */
    private static List<String> problemsOf(byte[] archive, ArchiveLimits limits) {
        List<String> problems = assertThrows(InvalidArchiveException.class, () -> CodeArchive.read(archive, limits))
                .problems();
        assertEquals(
                problems,
                assertThrows(InvalidArchiveException.class, () -> CodeArchive.index(archive, limits, "hearth.json", 64))
                        .problems(),
                "the index refuses what the full read refuses");
        return problems;
    }

    @Test
    void readsAZipWithItsFilesAndExecutableBits() throws Exception {
        byte[] archive = zip(
                Item.file("hearth.json", "{}"),
                Item.directory("lib/"),
                Item.file("./lib/util.py", "x = 1\n"),
                Item.executable("bootstrap", "#!/bin/sh\n"));

        CodeArchive code = CodeArchive.read(archive, ArchiveLimits.DEFAULT);

        assertEquals(Set.of("hearth.json", "lib/util.py", "bootstrap"), code.files());
        assertArrayEquals("x = 1\n".getBytes(UTF_8), code.file("lib/util.py").orElseThrow());
        assertTrue(code.executable("bootstrap"));
        assertFalse(code.executable("hearth.json"));
        assertTrue(code.file("missing").isEmpty());
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)), code.sha256());
    }

    @Test
    void readsATarGzWithItsFilesAndExecutableBits() throws Exception {
        byte[] archive = tarGz(
                Item.directory("./"),
                Item.file("./app.js", "module.exports.handler = async () => 1;\n"),
                Item.directory("./bin/"),
                Item.executable("./bin/run", "#!/bin/sh\n"));

        CodeArchive code = CodeArchive.read(archive, ArchiveLimits.DEFAULT);

        assertEquals(Set.of("app.js", "bin/run"), code.files());
        assertTrue(code.executable("bin/run"));
        assertFalse(code.executable("app.js"));
    }

    @Test
    void indexesAnArchiveKeepingOnlyTheFileAskedFor() throws Exception {
        for (byte[] archive : List.of(
                zip(Item.file("hearth.json", "{}"), Item.executable("bin/run", "#!/bin/sh\n"), Item.file("a.py", "1")),
                tarGz(
                        Item.file("hearth.json", "{}"),
                        Item.executable("bin/run", "#!/bin/sh\n"),
                        Item.file("a.py", "1")))) {

            ArchiveIndex index = CodeArchive.index(archive, ArchiveLimits.DEFAULT, "hearth.json", 64);

            assertEquals(Set.of("hearth.json", "bin/run", "a.py"), index.files());
            assertEquals(Set.of("bin/run"), index.executables());
            assertArrayEquals("{}".getBytes(UTF_8), index.keptFile().orElseThrow());
            assertEquals(CodeArchive.read(archive, ArchiveLimits.DEFAULT).sha256(), index.sha256());
            assertTrue(CodeArchive.index(archive, ArchiveLimits.DEFAULT, "a.json", 64)
                    .keptFile()
                    .isEmpty());
        }
    }

    @Test
    void refusesAKeptFileOverItsLimitInTheIndex() throws Exception {
        byte[] archive = zip(Item.file("hearth.json", "x".repeat(100)), Item.file("big.txt", "x".repeat(100)));

        InvalidArchiveException refused = assertThrows(
                InvalidArchiveException.class,
                () -> CodeArchive.index(archive, ArchiveLimits.DEFAULT, "hearth.json", 64));

        assertEquals(List.of("entry 'hearth.json' is 100 bytes, over the limit of 64 bytes"), refused.problems());
    }

    /** Bytes the current thread allocated while {@code read} ran. */
    private static long allocatedBy(ThrowingRunnable read) throws Exception {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        read.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void indexesABombInMemoryBoundedByItsOwnSize() throws Exception {
        // The security review's upload: 1 MiB of random bytes lets two 49 MiB runs of zeros pass the ratio.
        byte[] random = new byte[1 << 20];
        new Random(51).nextBytes(random);
        for (byte[] bomb : List.of(
                zip(
                        Item.file("hearth.json", "{}"),
                        Item.large("random.bin", random),
                        Item.large("zeros1.bin", new byte[49 << 20]),
                        Item.large("zeros2.bin", new byte[49 << 20])),
                tarGz(
                        Item.file("hearth.json", "{}"),
                        Item.large("random.bin", random),
                        Item.large("zeros1.bin", new byte[49 << 20]),
                        Item.large("zeros2.bin", new byte[49 << 20])))) {
            assertTrue(bomb.length < 1_200_000, "the bomb is " + bomb.length + " bytes");

            long byRead = allocatedBy(() -> CodeArchive.read(bomb, ArchiveLimits.DEFAULT));
            long byIndex = allocatedBy(() -> CodeArchive.index(bomb, ArchiveLimits.DEFAULT, "hearth.json", 64));

            assertTrue(byRead > 99L << 20, "the full read keeps the 99 MiB it unpacks: " + byRead);
            assertTrue(byIndex < 4L << 20, "the index allocates " + byIndex + " bytes");
        }
    }

    @Test
    void extractsFilesKeepingTheExecutableBit(@TempDir Path dir) throws Exception {
        CodeArchive code = CodeArchive.read(
                zip(Item.executable("bootstrap", "#!/bin/sh\necho hi\n"), Item.file("data/config.txt", "a")),
                ArchiveLimits.DEFAULT);
        Path target = dir.resolve("code");

        code.extractTo(target);

        assertEquals("#!/bin/sh\necho hi\n", Files.readString(target.resolve("bootstrap")));
        assertEquals("a", Files.readString(target.resolve("data/config.txt")));
        assertTrue(Files.getPosixFilePermissions(target.resolve("bootstrap"))
                .containsAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE)));
        assertFalse(Files.getPosixFilePermissions(target.resolve("data/config.txt"))
                .contains(PosixFilePermission.OWNER_EXECUTE));
    }

    @Test
    void refusesToExtractIntoADirectoryThatIsNotEmpty(@TempDir Path dir) throws Exception {
        CodeArchive code = CodeArchive.read(zip(Item.file("a.txt", "a")), ArchiveLimits.DEFAULT);
        Files.writeString(dir.resolve("already-here"), "x");

        assertThrows(IOException.class, () -> code.extractTo(dir));
    }

    @Test
    void refusesEntriesThatLeaveTheRoot() throws Exception {
        List<String> problems = problemsOf(
                zip(Item.file("../evil", "x"), Item.file("ok/../../evil2", "x"), Item.file("/etc/passwd", "x")),
                ArchiveLimits.DEFAULT);

        assertEquals(
                List.of(
                        "entry '../evil' leaves the archive root",
                        "entry 'ok/../../evil2' leaves the archive root",
                        "entry '/etc/passwd' has an absolute path"),
                problems);
    }

    @Test
    void refusesEntriesThatLeaveTheRootOfATarGz() throws Exception {
        assertEquals(
                List.of("entry '../../tmp/x' leaves the archive root"),
                problemsOf(tarGz(Item.file("../../tmp/x", "x")), ArchiveLimits.DEFAULT));
    }

    @Test
    void refusesSymbolicLinks() throws Exception {
        assertEquals(
                List.of("entry 'passwd' is a symbolic link; archives may not contain links"),
                problemsOf(
                        zip(Item.file("app.py", "x"), Item.symlink("passwd", "/etc/passwd")), ArchiveLimits.DEFAULT));
        assertEquals(
                List.of("entry 'up' is a symbolic link; archives may not contain links"),
                problemsOf(tarGz(Item.file("app.py", "x"), Item.symlink("up", "../..")), ArchiveLimits.DEFAULT));
    }

    @Test
    void refusesTarDevicesPipesAndOtherSpecialTypes() throws Exception {
        byte[] types = {
            TarConstants.LF_CHR,
            TarConstants.LF_BLK,
            TarConstants.LF_FIFO,
            TarConstants.LF_CONTIG,
            'V', // volume header
            'D' // GNU dumpdir
        };
        for (byte type : types) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
                tar.putArchiveEntry(new TarArchiveEntry("hearth.json"));
                tar.closeArchiveEntry();
                tar.putArchiveEntry(new TarArchiveEntry("special", type));
                tar.closeArchiveEntry();
            }

            assertEquals(
                    List.of("entry 'special' is a device, pipe or other special file"),
                    problemsOf(bytes.toByteArray(), ArchiveLimits.DEFAULT),
                    "type " + (char) type);
        }
    }

    @Test
    void refusesANameInThePathLongerThanAFileSystemAllows() throws Exception {
        String longest = "a".repeat(255);
        String tooLong = "d".repeat(300);
        String tooLongInUtf8 = "\u00E9".repeat(128); // 128 characters, 256 bytes
        for (boolean zip : new boolean[] {true, false}) {
            Item[] items = {
                Item.file("src/" + tooLong + "/app.py", "x"),
                Item.file(tooLongInUtf8, "x"),
                Item.file("src/" + longest, "x")
            };
            List<String> problems = problemsOf(zip ? zip(items) : tarGz(items), ArchiveLimits.DEFAULT);

            assertEquals(
                    List.of(
                            "entry 'src/" + "d".repeat(196) + "…' has a name of 300 bytes in its path; file systems"
                                    + " allow 255",
                            "entry '" + "\u00E9".repeat(128) + "' has a name of 256 bytes in its path; file systems"
                                    + " allow 255"),
                    problems);
        }
        assertEquals(
                Set.of("src/" + longest),
                CodeArchive.read(tarGz(Item.file("src/" + longest, "x")), ArchiveLimits.DEFAULT)
                        .files());
    }

    @Test
    void refusesDuplicatePaths() throws Exception {
        assertEquals(
                List.of("entry 'a.py' appears twice"),
                problemsOf(tarGz(Item.file("a.py", "1"), Item.file("./a.py", "2")), ArchiveLimits.DEFAULT));
    }

    @Test
    void stopsReadingAZipBombByItsCompressionRatio() throws Exception {
        byte[] bomb = zip(Item.large("zeros.bin", new byte[30 << 20]));
        assertTrue(bomb.length < 100_000, "the test bomb compresses well");

        List<String> problems = problemsOf(bomb, ArchiveLimits.DEFAULT);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("(compression ratio over 100)"), problems.get(0));
    }

    @Test
    void stopsReadingATarGzPastTheTotalAndEntryLimits() throws Exception {
        byte[] archive = tarGz(Item.large("a.bin", new byte[3 << 20]), Item.large("b.bin", new byte[3 << 20]));
        ArchiveLimits noRatio = new ArchiveLimits(1 << 20, 5 << 20, 100, 4 << 20, Integer.MAX_VALUE);
        ArchiveLimits smallEntries = new ArchiveLimits(1 << 20, 100 << 20, 100, 2 << 20, Integer.MAX_VALUE);

        assertEquals(List.of("archive expands past 5 MiB"), problemsOf(archive, noRatio));
        assertEquals(List.of("entry 'a.bin' expands past 2 MiB"), problemsOf(archive, smallEntries));
    }

    @Test
    void refusesTooManyEntries() throws Exception {
        Item[] items = new Item[11];
        for (int i = 0; i < items.length; i++) {
            items[i] = Item.file("f" + i, "x");
        }
        ArchiveLimits tenEntries = new ArchiveLimits(1 << 20, 1 << 20, 10, 1 << 20, 100);

        assertEquals(List.of("archive declares 11 entries, over the limit of 10"), problemsOf(zip(items), tenEntries));
        assertEquals(List.of("archive has more than 10 entries"), problemsOf(tarGz(items), tenEntries));
    }

    @Test
    void refusesAnArchiveOverTheSizeLimit() throws Exception {
        ArchiveLimits tiny = new ArchiveLimits(64, 1 << 20, 10, 1 << 20, 100);

        List<String> problems = problemsOf(zip(Item.file("a", "a")), tiny);

        assertTrue(problems.get(0).startsWith("archive is "), problems.get(0));
        assertTrue(problems.get(0).endsWith("over the limit of 64 bytes"), problems.get(0));
    }

    @Test
    void refusesWhatIsNotAnArchive() {
        assertEquals(
                List.of("not a zip or tar.gz archive"),
                problemsOf("print('hello')".getBytes(UTF_8), ArchiveLimits.DEFAULT));
        assertEquals(List.of("not a zip or tar.gz archive"), problemsOf(new byte[0], ArchiveLimits.DEFAULT));
    }

    @Test
    void refusesADamagedArchive() throws Exception {
        byte[] archive = zip(Item.file("a.py", "print(1)"));
        byte[] truncated = java.util.Arrays.copyOf(archive, archive.length / 2);

        List<String> problems = problemsOf(truncated, ArchiveLimits.DEFAULT);

        assertTrue(problems.get(0).startsWith("archive is damaged"), problems.get(0));
    }

    @Test
    void refusesAnArchiveWithoutFiles() throws Exception {
        assertEquals(
                List.of("archive contains no files"), problemsOf(zip(Item.directory("empty/")), ArchiveLimits.DEFAULT));
    }

    @Test
    void refusesNamesWithCharactersAUserCannotSee() throws Exception {
        List<String> problems = problemsOf(
                zip(
                        Item.file("hearth.json", "{}"),
                        Item.file("a\u0000b.py", "x"),
                        Item.file("invoice\u202Egpj.exe", "x"),
                        Item.file("isolate\u2066d.py", "x"),
                        Item.file("tab\there.py", "x"),
                        Item.file("next\u0085line.py", "x"),
                        Item.file("zero\u200Bwidth.py", "x"),
                        Item.file("no\u00A0break.py", "x"),
                        Item.file("private\uE000.py", "x")),
                ArchiveLimits.DEFAULT);

        assertEquals(
                List.of(
                        "entry 'a\\u0000b.py' has a control character (\\u0000) in its name",
                        "entry 'invoice\\u202Egpj.exe' has a bidirectional control character (\\u202E) in its name",
                        "entry 'isolate\\u2066d.py' has a bidirectional control character (\\u2066) in its name",
                        "entry 'tab\\u0009here.py' has a control character (\\u0009) in its name",
                        "entry 'next\\u0085line.py' has a control character (\\u0085) in its name",
                        "entry 'zero\\u200Bwidth.py' has an invisible or unassigned character (\\u200B) in its name",
                        "entry 'no\\u00A0break.py' has an invisible or unassigned character (\\u00A0) in its name",
                        "entry 'private\\uE000.py' has an invisible or unassigned character (\\uE000) in its name"),
                problems);
        problems.forEach(problem ->
                assertTrue(problem.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f), "plain ASCII: " + problem));
    }

    @Test
    void refusesNamesThatAreNotUtf8() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setEncoding("ISO-8859-1"); // writes U+00FF as the single byte 0xFF, never valid UTF-8
            zip.setUseLanguageEncodingFlag(false);
            zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            for (String name : List.of("hearth.json", "caf\u00FF.py")) {
                zip.putArchiveEntry(new ZipArchiveEntry(name));
                zip.write('x');
                zip.closeArchiveEntry();
            }
        }

        assertEquals(
                List.of("entry 'caf\\uFFFD.py' has bytes that are not UTF-8 (\\uFFFD) in its name"),
                problemsOf(bytes.toByteArray(), ArchiveLimits.DEFAULT));
    }

    @Test
    void refusesABidirectionalControlInATarGzName() throws Exception {
        assertEquals(
                List.of("entry 'run\\u202Eyp.sh' has a bidirectional control character (\\u202E) in its name"),
                problemsOf(
                        tarGz(Item.file("hearth.json", "{}"), Item.file("run\u202Eyp.sh", "x")),
                        ArchiveLimits.DEFAULT));
    }

    @Test
    void acceptsNamesInAnyScript() throws Exception {
        Set<String> names = Set.of(
                "caf\u00E9/na\u00EFve.py",
                "\u65E5\u672C\u8A9E.txt",
                "smile \uD83D\uDE00.txt",
                "\u05E9\u05DC\u05D5\u05DD.js");
        Item[] items = names.stream().map(name -> Item.file(name, "x")).toArray(Item[]::new);

        assertEquals(names, CodeArchive.read(zip(items), ArchiveLimits.DEFAULT).files());
        assertEquals(
                names, CodeArchive.read(tarGz(items), ArchiveLimits.DEFAULT).files());
    }

    @Test
    void readsAZip64ArchiveAndRefusesASplitOne() throws Exception {
        ByteArrayOutputStream zip64 = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(zip64)) {
            zip.setUseZip64(Zip64Mode.Always);
            zip.putArchiveEntry(new ZipArchiveEntry("app.py"));
            zip.write("x = 1\n".getBytes(UTF_8));
            zip.closeArchiveEntry();
        }
        byte[] splitMarker = {'P', 'K', 7, 8, 'P', 'K', 3, 4};

        assertEquals(
                Set.of("app.py"),
                CodeArchive.read(zip64.toByteArray(), ArchiveLimits.DEFAULT).files());
        assertEquals(List.of("not a zip or tar.gz archive"), problemsOf(splitMarker, ArchiveLimits.DEFAULT));
    }

    /** A tar.gz of {@code count} extended headers of {@code type} ('x' PAX, 'L' GNU long name) before one file. */
    private static byte[] chainedHeaders(int count, byte type) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            byte[] content = (type == TarConstants.LF_PAX_EXTENDED_HEADER_LC ? "11 path=ab\n" : "ab").getBytes(UTF_8);
            for (int i = 0; i < count; i++) {
                TarArchiveEntry header = new TarArchiveEntry("././@LongLink", type);
                header.setSize(content.length);
                tar.putArchiveEntry(header);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            TarArchiveEntry file = new TarArchiveEntry("hearth.json");
            file.setSize(2);
            tar.putArchiveEntry(file);
            tar.write("{}".getBytes(UTF_8));
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void refusesLongChainsOfExtendedHeadersInATarGz() throws Exception {
        // 5,000 chained PAX headers (24 KiB) overflowed Commons Compress's stack: a 500, not a 400.
        for (byte type : new byte[] {TarConstants.LF_PAX_EXTENDED_HEADER_LC, TarConstants.LF_GNUTYPE_LONGNAME}) {
            assertEquals(
                    List.of("archive has more than 8 extended headers before one entry"),
                    problemsOf(chainedHeaders(5_000, type), ArchiveLimits.DEFAULT));
            assertEquals(
                    List.of("archive has more than 8 extended headers before one entry"),
                    problemsOf(chainedHeaders(9, type), ArchiveLimits.DEFAULT));
            assertEquals(
                    Set.of("ab"),
                    CodeArchive.read(chainedHeaders(8, type), ArchiveLimits.DEFAULT)
                            .files());
        }
    }

    @Test
    void readsATarGzWithLongNamesInPaxAndGnuHeaders() throws Exception {
        String longName = "deep/" + "d".repeat(150) + "/app.py";
        for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.LONGFILE_GNU}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
                tar.setLongFileMode(mode);
                TarArchiveEntry entry = new TarArchiveEntry(longName);
                entry.setSize(1);
                tar.putArchiveEntry(entry);
                tar.write('x');
                tar.closeArchiveEntry();
            }

            assertEquals(
                    Set.of(longName),
                    CodeArchive.read(bytes.toByteArray(), ArchiveLimits.DEFAULT).files());
        }
    }
}
