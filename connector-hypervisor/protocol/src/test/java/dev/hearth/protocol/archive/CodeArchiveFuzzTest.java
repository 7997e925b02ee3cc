package dev.hearth.protocol.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Fuzzing of the archive checker: whatever bytes arrive, {@link CodeArchive#read} accepts them
 * with names a user can see, or refuses them with {@link InvalidArchiveException} and problems
 * that carry no control character. Any other exception or error escaping fails the property. The
 * limits are small so that every try stays within a few MiB.
 */
class CodeArchiveFuzzTest {

    private static final ArchiveLimits SMALL = new ArchiveLimits(1 << 20, 4 << 20, 64, 1 << 20, 100);

    /** One generated entry: raw name bytes (often not UTF-8), content, unix mode. */
    record Entry(byte[] rawName, byte[] content, int unixMode) {}

    /** What a mutation does to an archive's bytes: flip bytes, cut it short, or insert bytes. */
    record Damage(List<Integer> positions, List<Byte> values, int cutTo) {}

    /** A little-endian value of {@code width} bytes written {@code fromEnd} bytes before the end. */
    record EndWrite(int fromEnd, int width, long value) {}

    @Property(tries = 300)
    void generatedZipsAreReadOrRefused(@ForAll("entries") List<Entry> entries) throws IOException {
        readOrRefuse(zip(entries));
        reachesBothOutcomes();
    }

    @Property(tries = 200)
    void generatedTarGzsAreReadOrRefused(@ForAll("entries") List<Entry> entries) throws IOException {
        readOrRefuse(gzip(tar(entries)));
        reachesBothOutcomes();
    }

    /** A generator that only ever made refused archives would prove nothing about accepted ones. */
    private static void reachesBothOutcomes() {
        Statistics.coverage(coverage -> {
            coverage.check(true).percentage(p -> p >= 2);
            coverage.check(false).percentage(p -> p >= 2);
        });
    }

    @Property(tries = 400)
    void damagedZipsAreReadOrRefused(@ForAll("entries") List<Entry> entries, @ForAll("damage") Damage damage)
            throws IOException {
        readOrRefuse(damaged(zip(entries), damage));
    }

    /** The tar stream is damaged before it is compressed: a damaged gzip fails its CRC early. */
    @Property(tries = 300)
    void damagedTarGzsAreReadOrRefused(@ForAll("entries") List<Entry> entries, @ForAll("damage") Damage damage)
            throws IOException {
        readOrRefuse(gzip(damaged(tar(entries), damage)));
    }

    /**
     * The end records (the last 98 bytes of a zip without a comment, ZIP64 ones included) with
     * counts, sizes and offsets overwritten by any values, negative ZIP64 ones too.
     */
    @Property(tries = 400)
    void zipsWithLyingEndRecordsAreReadOrRefused(
            @ForAll("entries") List<Entry> entries, @ForAll Zip64Mode zip64, @ForAll("endWrites") List<EndWrite> writes)
            throws IOException {
        byte[] archive = zip(entries, zip64);
        for (EndWrite write : writes) {
            for (int i = 0; i < write.width(); i++) {
                int at = archive.length - write.fromEnd() + i;
                if (at >= 0 && at < archive.length) {
                    archive[at] = (byte) (write.value() >>> (8 * i));
                }
            }
        }
        readOrRefuse(archive);
    }

    @Property(tries = 200)
    void bytesBehindAnArchiveSignatureAreReadOrRefused(
            @ForAll("signatures") byte[] signature, @ForAll("bytes") byte[] rest) {
        byte[] archive = new byte[signature.length + rest.length];
        System.arraycopy(signature, 0, archive, 0, signature.length);
        System.arraycopy(rest, 0, archive, signature.length, rest.length);
        readOrRefuse(archive);
    }

    private static void readOrRefuse(byte[] archive) {
        try {
            CodeArchive code = CodeArchive.read(archive, SMALL);
            Statistics.collect(true);
            for (String path : code.files()) {
                assertTrue(EntryNames.characterProblem(path).isEmpty(), "accepted a name a user cannot see");
            }
            assertEquals(code.files(), indexed(archive).files(), "the index accepts what the full read accepts");
        } catch (InvalidArchiveException refused) {
            assertEquals(
                    refused.problems(),
                    assertThrows(InvalidArchiveException.class, () -> indexed(archive))
                            .problems(),
                    "the index refuses what the full read refuses");
            Statistics.collect(false);
            assertFalse(refused.problems().isEmpty());
            for (String problem : refused.problems()) {
                assertTrue(
                        problem.codePoints()
                                .noneMatch(c -> Character.getType(c) == Character.CONTROL
                                        || Character.getType(c) == Character.FORMAT),
                        "a problem carries no control or format character: " + EntryNames.printable(problem));
            }
        }
    }

    private static ArchiveIndex indexed(byte[] archive) throws InvalidArchiveException {
        return CodeArchive.index(archive, SMALL, "hearth.json", Integer.MAX_VALUE);
    }

    @Provide
    Arbitrary<List<Entry>> entries() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of(
                        "hearth.json", "app.py", "lib", "..", ".", "", "a\\b", "C:", "caf\u00e9", "\u65e5\u672c"),
                Arbitraries.strings()
                        .withChars("abc.-_/ ")
                        .withChars('\u0000', '\u0009', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200e', '\u202e')
                        .withChars('\u2066', '\u2069', '\ufeff', '\ufffd', '\ue000', '\u0378')
                        .withCharRange('\u0080', '\u00ff')
                        .ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(6));
        Arbitrary<String> name = segment.list()
                .ofMinSize(1)
                .ofMaxSize(6)
                .map(segments -> String.join("/", segments))
                .flatMap(path -> Arbitraries.of(path, "/" + path, path + "/"));
        Arbitrary<String> plainName = Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(8)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(segments -> String.join("/", segments));
        // Mostly plain entries, so that whole archives are accepted often enough to be checked too.
        Arbitrary<byte[]> rawName = Arbitraries.frequencyOf(
                Tuple.of(8, plainName.map(n -> n.getBytes(UTF_8))),
                Tuple.of(1, name.map(n -> n.getBytes(UTF_8))),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(16))); // any bytes, UTF-8 or not
        Arbitrary<Integer> mode = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(0100644, 0100755, 040755, 0)),
                Tuple.of(1, Arbitraries.of(0120777, 010644, 020644)));
        return Combinators.combine(rawName, bytes(), mode).as(Entry::new).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Combinators.combine(
                        Arbitraries.integers()
                                .between(0, 4096)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(8),
                        Arbitraries.bytes().list().ofSize(8),
                        Arbitraries.integers().between(0, 8192))
                .as(Damage::new);
    }

    @Provide
    Arbitrary<List<EndWrite>> endWrites() {
        Arbitrary<Long> value = Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.of(0L, 1L, -1L, 0xFFFFL, 0xFFFFFFFFL, Long.MIN_VALUE, Long.MAX_VALUE),
                Arbitraries.longs().between(0, 1 << 12));
        return Combinators.combine(Arbitraries.integers().between(1, 98), Arbitraries.of(2, 4, 8), value)
                .as(EndWrite::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
    }

    @Provide
    Arbitrary<byte[]> signatures() {
        return Arbitraries.of(new byte[] {'P', 'K', 3, 4}, new byte[] {'P', 'K', 5, 6}, new byte[] {0x1f, (byte) 0x8b});
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    private static byte[] zip(List<Entry> entries) throws IOException {
        return zip(entries, Zip64Mode.AsNeeded);
    }

    private static byte[] zip(List<Entry> entries, Zip64Mode zip64) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setUseZip64(zip64);
            // ISO-8859-1 writes each char < 256 as its byte: the raw names reach the archive as they are.
            zip.setEncoding("ISO-8859-1");
            zip.setUseLanguageEncodingFlag(false);
            zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            for (Entry entry : entries) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(new String(entry.rawName(), "ISO-8859-1"));
                zipEntry.setUnixMode(entry.unixMode());
                zip.putArchiveEntry(zipEntry);
                zip.write(entry.content());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] tar(List<Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "ISO-8859-1")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            for (Entry entry : entries) {
                String name = new String(entry.rawName(), "ISO-8859-1");
                boolean symlink = entry.unixMode() == 0120777;
                TarArchiveEntry tarEntry =
                        symlink ? new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK) : new TarArchiveEntry(name);
                boolean file = !symlink && !tarEntry.isDirectory();
                if (symlink) {
                    tarEntry.setLinkName("../../etc/passwd");
                } else {
                    tarEntry.setMode(entry.unixMode());
                    tarEntry.setSize(file ? entry.content().length : 0);
                }
                tar.putArchiveEntry(tarEntry);
                if (file) {
                    tar.write(entry.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(bytes)) {
            gzip.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] damaged(byte[] archive, Damage damage) {
        byte[] copy = archive.clone();
        for (int i = 0; i < damage.positions().size() && copy.length > 0; i++) {
            copy[damage.positions().get(i) % copy.length] = damage.values().get(i);
        }
        return java.util.Arrays.copyOf(copy, Math.min(copy.length, Math.max(4, damage.cutTo())));
    }
}
