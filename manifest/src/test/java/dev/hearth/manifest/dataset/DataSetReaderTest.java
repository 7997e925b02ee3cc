package dev.hearth.manifest.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;

class DataSetReaderTest {

    private static final DataSetLimits SMALL = new DataSetLimits(1 << 20, 4 << 20, 8, 100, 100);

    @Test
    void jsonLinesAreRecordsInOrderSkippingBlankLines() {
        DataSetVerdict verdict = read("{\"n\":1}\r\n\n  [2, 3]\n\"four\"\nnull", DataSetFormat.JSON_LINES);
        assertEquals(List.of("{\"n\":1}", "[2, 3]", "\"four\"", "null"), accepted(verdict));
    }

    @Test
    void aLineThatIsNotOneJsonValueIsRefusedWithItsNumber() {
        DataSetVerdict verdict = read("{\"n\":1}\n{\"n\":\n1 2\n", DataSetFormat.JSON_LINES);
        assertEquals(
                List.of("the data set line 2 is not one JSON value", "the data set line 3 is not one JSON value"),
                refused(verdict));
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        DataSetVerdict verdict =
                DataSetReader.read(new byte[] {'"', (byte) 0xff, '"'}, DataSetFormat.JSON_LINES, SMALL);
        assertEquals(List.of("the data set is not UTF-8 text"), refused(verdict));
    }

    @Test
    void aReadBeyondThoseAtOnceIsRefusedAndTheNextOneRuns() throws InterruptedException {
        DataSetReader.READS.acquire(DataSetReader.MAX_READS_AT_ONCE);
        try {
            DataSetVerdict.Busy busy =
                    assertInstanceOf(DataSetVerdict.Busy.class, read("1\n", DataSetFormat.JSON_LINES));
            assertEquals("the server is reading 2 data sets already; retry in a few seconds", busy.problem());
        } finally {
            DataSetReader.READS.release(DataSetReader.MAX_READS_AT_ONCE);
        }
        assertEquals(List.of("1"), accepted(read("1\n", DataSetFormat.JSON_LINES)));
        assertEquals(DataSetReader.MAX_READS_AT_ONCE, DataSetReader.READS.availablePermits(), "every read gave back");
    }

    @Test
    void anEmptyDataSetIsRefused() {
        assertEquals(List.of("the data set has no records"), refused(read("\n\n", DataSetFormat.JSON_LINES)));
    }

    @Test
    void moreRecordsThanTheLimitIsTooLarge() {
        String lines = "1\n".repeat(101);
        assertInstanceOf(DataSetVerdict.TooLarge.class, read(lines, DataSetFormat.JSON_LINES));
    }

    @Test
    void anUploadOverTheLimitIsTooLarge() {
        DataSetVerdict verdict = DataSetReader.read(new byte[(1 << 20) + 1], DataSetFormat.JSON_LINES, SMALL);
        assertInstanceOf(DataSetVerdict.TooLarge.class, verdict);
    }

    @Test
    void aRecordOverTheEventLimitIsRefused() {
        DataSetLimits roomy = new DataSetLimits(4 << 20, 4 << 20, 8, 100, 100);
        String big = "\"" + "x".repeat(1 << 20) + "\"";
        DataSetVerdict verdict =
                DataSetReader.read(("1\n" + big).getBytes(StandardCharsets.UTF_8), DataSetFormat.JSON_LINES, roomy);
        assertEquals(List.of("the data set line 2 is larger than the event limit of 1048576 bytes"), refused(verdict));
    }

    @Test
    void aTarGzsFilesAreReadInPathOrder() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("b.jsonl", "3\n4\n");
        files.put("a/part.jsonl", "1\n2\n");
        DataSetVerdict verdict = DataSetReader.read(tarGz(files), DataSetFormat.TAR_GZ, SMALL);
        assertEquals(List.of("1", "2", "3", "4"), accepted(verdict));
    }

    @Test
    void aZipsFilesAreReadInPathOrder() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("2.jsonl", "{\"b\":true}\n");
        files.put("1.jsonl", "{\"a\":true}\n");
        DataSetVerdict verdict = DataSetReader.read(zip(files), DataSetFormat.ZIP, SMALL);
        assertEquals(List.of("{\"a\":true}", "{\"b\":true}"), accepted(verdict));
    }

    @Test
    void aNonJsonLineInAnArchiveNamesItsFile() throws IOException {
        DataSetVerdict verdict = DataSetReader.read(zip(Map.of("in.jsonl", "1\nnot json\n")), DataSetFormat.ZIP, SMALL);
        assertEquals(List.of("'in.jsonl' line 2 is not one JSON value"), refused(verdict));
    }

    @Test
    void aPathOutsideTheArchiveIsRefused() throws IOException {
        DataSetVerdict verdict = DataSetReader.read(tarGz(Map.of("../evil.jsonl", "1\n")), DataSetFormat.TAR_GZ, SMALL);
        assertTrue(
                refused(verdict).stream().anyMatch(p -> p.contains("evil.jsonl")),
                refused(verdict).toString());
    }

    @Test
    void aSymbolicLinkIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            TarArchiveEntry link = new TarArchiveEntry("data.jsonl", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        List<String> problems = refused(DataSetReader.read(bytes.toByteArray(), DataSetFormat.TAR_GZ, SMALL));
        assertTrue(problems.stream().anyMatch(p -> p.contains("link")), problems.toString());
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            files.put(i + ".jsonl", "1\n");
        }
        List<String> problems = refused(DataSetReader.read(zip(files), DataSetFormat.ZIP, SMALL));
        assertTrue(problems.stream().anyMatch(p -> p.contains("entries")), problems.toString());
    }

    @Test
    void aHugeEntryIsRefused() throws IOException {
        String huge = "1\n".repeat(3 << 20);
        List<String> problems =
                refused(DataSetReader.read(tarGz(Map.of("huge.jsonl", huge)), DataSetFormat.TAR_GZ, SMALL));
        assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void aGzipBombIsRefusedAfterReadingNoMoreThanTheLimit() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            TarArchiveEntry entry = new TarArchiveEntry("zeros.jsonl");
            entry.setSize(1L << 30);
            tar.putArchiveEntry(entry);
            byte[] zeros = new byte[1 << 16];
            for (int i = 0; i < (1 << 30) / zeros.length; i++) {
                tar.write(zeros);
            }
            tar.closeArchiveEntry();
        }
        DataSetLimits roomyUpload = new DataSetLimits(16 << 20, 4 << 20, 8, 100, 100);
        List<String> problems = refused(DataSetReader.read(bytes.toByteArray(), DataSetFormat.TAR_GZ, roomyUpload));
        assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void aDamagedArchiveIsRefused() throws IOException {
        byte[] archive = tarGz(Map.of("a.jsonl", "1\n".repeat(1000)));
        byte[] truncated = java.util.Arrays.copyOf(archive, archive.length / 2);
        assertEquals(
                1,
                refused(DataSetReader.read(truncated, DataSetFormat.TAR_GZ, SMALL))
                        .size());
        assertEquals(
                1,
                refused(DataSetReader.read("not an archive".getBytes(), DataSetFormat.ZIP, SMALL))
                        .size());
    }

    private static DataSetVerdict read(String text, DataSetFormat format) {
        return DataSetReader.read(text.getBytes(StandardCharsets.UTF_8), format, SMALL);
    }

    private static List<String> accepted(DataSetVerdict verdict) {
        return assertInstanceOf(DataSetVerdict.Accepted.class, verdict, verdict.toString())
                .records();
    }

    private static List<String> refused(DataSetVerdict verdict) {
        return assertInstanceOf(DataSetVerdict.Refused.class, verdict, verdict.toString())
                .problems();
    }

    private static byte[] tarGz(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey(), true);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
