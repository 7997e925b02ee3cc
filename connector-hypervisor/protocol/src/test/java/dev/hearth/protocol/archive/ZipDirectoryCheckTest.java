package dev.hearth.protocol.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Zips whose directory would make Commons Compress build far more than the archive is worth, or
 * whose end records lie, written byte by byte. The refusals asserted here are worded only by
 * {@link ZipDirectoryCheck}, so each one shows that Commons Compress never read the directory.
 */
class ZipDirectoryCheckTest {

    private static final int LOCAL_HEADER = 30;
    private static final int CENTRAL_HEADER = 46;

    /** A zip assembled from raw records, little-endian as the format wants. */
    private static final class ZipBytes {
        private final ByteBuffer bytes;

        ZipBytes(int capacity) {
            bytes = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        }

        int position() {
            return bytes.position();
        }

        /** A stored, empty file's local header. */
        ZipBytes localHeader(String name, byte[] extra) {
            byte[] raw = name.getBytes(UTF_8);
            bytes.putInt(0x04034b50)
                    .putShort((short) 10)
                    .putShort((short) 0x800)
                    .putShort((short) 0);
            bytes.putInt(0).putInt(0).putInt(0).putInt(0);
            bytes.putShort((short) raw.length)
                    .putShort((short) extra.length)
                    .put(raw)
                    .put(extra);
            return this;
        }

        ZipBytes centralHeader(String name, byte[] extra, long localHeaderOffset) {
            byte[] raw = name.getBytes(UTF_8);
            bytes.putInt(0x02014b50)
                    .putShort((short) 0x031e)
                    .putShort((short) 10)
                    .putShort((short) 0x800);
            bytes.putShort((short) 0).putInt(0).putInt(0).putInt(0).putInt(0);
            bytes.putShort((short) raw.length).putShort((short) extra.length).putShort((short) 0);
            bytes.putShort((short) 0).putShort((short) 0).putInt(0100644 << 16).putInt((int) localHeaderOffset);
            bytes.put(raw).put(extra);
            return this;
        }

        ZipBytes end(int entries, long directorySize, long directoryOffset) {
            bytes.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
            bytes.putShort((short) entries).putShort((short) entries);
            bytes.putInt((int) directorySize).putInt((int) directoryOffset).putShort((short) 0);
            return this;
        }

        /** A ZIP64 end record, its locator (pointing at {@code recordOffset}) and the plain end record. */
        ZipBytes zip64End(long entries, long directorySize, long directoryOffset, long recordOffset) {
            bytes.putInt(0x06064b50)
                    .putLong(44)
                    .putShort((short) 45)
                    .putShort((short) 45)
                    .putInt(0)
                    .putInt(0);
            bytes.putLong(entries).putLong(entries).putLong(directorySize).putLong(directoryOffset);
            bytes.putInt(0x07064b50).putInt(0).putLong(recordOffset).putInt(1);
            return end(0xFFFF, 0xFFFFFFFFL, 0xFFFFFFFFL);
        }

        byte[] toArray() {
            byte[] zip = new byte[bytes.position()];
            bytes.get(0, zip);
            return zip;
        }
    }

    /** {@code count} extra fields of four bytes' data each, with ids from 0xa000 up. */
    private static byte[] extraFields(int count) {
        ByteBuffer extra = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            extra.putShort((short) (0xa000 + i)).putShort((short) 4).putInt(i);
        }
        return extra.array();
    }

    private static List<String> problemsOf(byte[] zip, ArchiveLimits limits) {
        return assertThrows(InvalidArchiveException.class, () -> CodeArchive.read(zip, limits))
                .problems();
    }

    private static List<String> problemsOf(byte[] zip) {
        return problemsOf(zip, ArchiveLimits.DEFAULT);
    }

    @Test
    void refusesAZipOf575000EntriesBeforeCommonsCompressReadsIt() {
        int entries = 575_000;
        ZipBytes zip =
                new ZipBytes(LOCAL_HEADER + 1 + entries * (CENTRAL_HEADER + 1) + 200).localHeader("a", new byte[0]);
        int directoryStart = zip.position();
        for (int i = 0; i < entries; i++) {
            zip.centralHeader("a", new byte[0], 0);
        }
        int directoryEnd = zip.position();
        byte[] bytes = zip.zip64End(entries, directoryEnd - directoryStart, directoryStart, directoryEnd)
                .toArray();
        ArchiveLimits roomForIt = new ArchiveLimits(64L << 20, 100L << 20, 10_000, 50L << 20, 100);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        List<String> problems = problemsOf(bytes, roomForIt);
        long after = memory.getHeapMemoryUsage().getUsed();
        System.out.printf(
                "%d MiB zip of %d entries refused; heap before %d MiB, after %d MiB%n",
                bytes.length >> 20, entries, before >> 20, after >> 20);

        assertEquals(List.of("archive declares 575000 entries, over the limit of 10000"), problems);
    }

    @Test
    void refusesAnEndRecordThatDeclaresFewerEntriesThanTheDirectoryHolds() {
        ZipBytes zip = new ZipBytes(1 << 20).localHeader("a", new byte[0]);
        int directoryStart = zip.position();
        for (int i = 0; i < 20_000; i++) {
            zip.centralHeader("a", new byte[0], 0);
        }
        int directorySize = zip.position() - directoryStart;

        assertEquals(
                List.of("archive is damaged: the central directory holds more entries than the 1 its end record"
                        + " declares"),
                problemsOf(zip.end(1, directorySize, directoryStart).toArray()));
    }

    @Test
    void refusesADirectoryThatIsNotWhereTheEndRecordSays() {
        ZipBytes zip = new ZipBytes(1024).localHeader("a", new byte[0]);
        int directoryStart = zip.position();
        zip.centralHeader("a", new byte[0], 0);
        int directorySize = zip.position() - directoryStart;
        byte[] offsetPastTheEnd = copy(zip).end(1, directorySize, 0x7FFFFFF0L).toArray();
        byte[] sizePastTheEnd = copy(zip).end(1, 0xFFFFFFF0L, directoryStart).toArray();
        byte[] sizeShort = copy(zip).end(1, directorySize - 1, directoryStart).toArray();

        assertEquals(
                List.of("archive is damaged: the central directory's offset (2147483632) and size (47) do not end"
                        + " where its end record begins (78)"),
                problemsOf(offsetPastTheEnd));
        assertTrue(problemsOf(sizePastTheEnd).get(0).contains("do not end where its end record begins"));
        assertTrue(problemsOf(sizeShort).get(0).contains("do not end where its end record begins"));
    }

    @Test
    void refusesZip64ValuesThatAreNegativeOrOutOfRange() {
        ZipBytes zip = new ZipBytes(1024).localHeader("a", new byte[0]);
        int directoryStart = zip.position();
        zip.centralHeader("a", new byte[0], 0);
        int directoryEnd = zip.position();
        int size = directoryEnd - directoryStart;

        assertEquals(
                List.of("archive is damaged: the end record declares a negative number of entries"),
                problemsOf(copy(zip)
                        .zip64End(-1, size, directoryStart, directoryEnd)
                        .toArray()));
        assertEquals(
                List.of("archive declares 4294967297 entries, over the limit of 10000"),
                problemsOf(copy(zip)
                        .zip64End((1L << 32) + 1, size, directoryStart, directoryEnd)
                        .toArray()));
        assertTrue(problemsOf(copy(zip)
                        .zip64End(1, size, Long.MIN_VALUE, directoryEnd)
                        .toArray())
                .get(0)
                .contains("do not end where its end record begins"));
        assertTrue(problemsOf(copy(zip)
                        .zip64End(1, Long.MAX_VALUE, directoryStart, directoryEnd)
                        .toArray())
                .get(0)
                .contains("do not end where its end record begins"));
        for (long recordOffset : List.of(-1L, Long.MIN_VALUE, 1L << 40, 0L, (long) directoryEnd + 1)) {
            assertEquals(
                    List.of("archive is damaged: the ZIP64 end record is not where its locator says"),
                    problemsOf(copy(zip)
                            .zip64End(1, size, directoryStart, recordOffset)
                            .toArray()),
                    "record at " + recordOffset);
        }
    }

    @Test
    void refusesEntriesThatShareALocalHeader() {
        // ZipFile parses a local header's extra fields once per entry pointing to it: with 10,000 entries
        // on one local header holding 4 KiB of fields, that took 600 MB of heap.
        ZipBytes zip = new ZipBytes(1 << 20).localHeader("a", extraFields(16));
        int directoryStart = zip.position();
        for (int i = 0; i < 10_000; i++) {
            zip.centralHeader("f" + i, new byte[0], 0);
        }
        int directorySize = zip.position() - directoryStart;

        assertEquals(
                List.of("archive is damaged: local headers overlap: entries share them"),
                problemsOf(zip.end(10_000, directorySize, directoryStart).toArray()));
    }

    @Test
    void refusesHeadersWithTooManyOrRepeatedExtraFields() {
        ZipBytes manyInCentral = new ZipBytes(1024).localHeader("a", new byte[0]);
        manyInCentral.centralHeader("a", extraFields(17), 0);
        ZipBytes manyInLocal = new ZipBytes(1024).localHeader("a", extraFields(17));
        int localEnd = manyInLocal.position();
        manyInLocal.centralHeader("a", new byte[0], 0);
        byte[] twice = extraFields(2);
        twice[8] = 0x00; // the second field's id becomes the first's, 0xa000
        ZipBytes repeated = new ZipBytes(1024).localHeader("a", new byte[0]);
        repeated.centralHeader("a", twice, 0);

        assertEquals(
                List.of("archive is damaged: header 1 has more than 16 extra fields"),
                problemsOf(
                        manyInCentral.end(1, manyInCentral.position() - 31, 31).toArray()));
        assertEquals(
                List.of("archive is damaged: header 1 has more than 16 extra fields"),
                problemsOf(manyInLocal
                        .end(1, manyInLocal.position() - localEnd, localEnd)
                        .toArray()));
        assertEquals(
                List.of("archive is damaged: header 1 has extra field 40960 twice"),
                problemsOf(repeated.end(1, repeated.position() - 31, 31).toArray()));
    }

    @Test
    void refusesAHeaderThatPointsPastItsLocalHeaders() {
        ZipBytes zip = new ZipBytes(1024).localHeader("a", new byte[0]);
        zip.centralHeader("a", new byte[0], 20);

        assertEquals(
                List.of("archive is damaged: header 1 points to no local header"),
                problemsOf(zip.end(1, zip.position() - 31, 31).toArray()));
    }

    @Test
    void acceptsZipsFromOtherWritersWithTheirExtraFieldsAndComments() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setComment("made by java.util.zip");
            for (String name : List.of("hearth.json", "lib/", "lib/util.py")) {
                ZipEntry entry = new ZipEntry(name);
                entry.setLastModifiedTime(java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
                zip.putNextEntry(entry);
                if (!name.endsWith("/")) {
                    zip.write("{}".getBytes(UTF_8));
                }
                zip.closeEntry();
            }
        }

        assertEquals(
                Set.of("hearth.json", "lib/util.py"),
                CodeArchive.read(bytes.toByteArray(), ArchiveLimits.DEFAULT).files());
    }

    private static ZipBytes copy(ZipBytes zip) {
        byte[] sofar = zip.toArray();
        ZipBytes copy = new ZipBytes(sofar.length + 200);
        copy.bytes.put(sofar);
        return copy;
    }
}
