package dev.hearth.scheduler.infrastructure.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.persistence.ActivationEntity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;

class TarGzActivationArchiveFormatTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-01");

    private final TarGzActivationArchiveFormat format = new TarGzActivationArchiveFormat();

    private static ActivationEntity activation(String id, String logTail, Integer memoryMb, String functionId) {
        return new ActivationEntity(
                id,
                functionId,
                "hello",
                "dev",
                "dev2",
                "i-1",
                "local",
                "warm",
                "error",
                OffsetDateTime.parse("2026-11-01T09:15:30.123456Z"),
                3,
                40,
                45,
                logTail,
                memoryMb);
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        List<ActivationEntity> written = List.of(
                activation("a-1", "line one\nline \"two\" ünïcode\ttab\n", 256, "f-1")
                        .withResult("{\"message\": \"async answer\"}", false),
                activation("a-2", null, null, null),
                activation("a-3", null, null, "f-1").withResult("[0,0,", true));

        List<ActivationEntity> read = read(write(written));

        assertEquals(3, read.size());
        for (int i = 0; i < written.size(); i++) {
            ActivationEntity w = written.get(i);
            ActivationEntity r = read.get(i);
            assertEquals(
                    List.of(
                            w.id(),
                            w.functionName(),
                            w.owner(),
                            w.caller(),
                            w.instanceId(),
                            w.hostId(),
                            w.startKind(),
                            w.status()),
                    List.of(
                            r.id(),
                            r.functionName(),
                            r.owner(),
                            r.caller(),
                            r.instanceId(),
                            r.hostId(),
                            r.startKind(),
                            r.status()));
            assertEquals(w.functionId(), r.functionId());
            assertEquals(w.startedAt().toInstant(), r.startedAt().toInstant());
            assertEquals(
                    List.of(w.initMillis(), w.runMillis(), w.durationMillis()),
                    List.of(r.initMillis(), r.runMillis(), r.durationMillis()));
            assertEquals(w.logTail(), r.logTail());
            assertEquals(w.memoryMb(), r.memoryMb());
            assertEquals(w.result(), r.result());
            assertEquals(w.resultTruncated(), r.resultTruncated());
        }
        assertTrue(read.get(2).resultTruncated());
        assertEquals(OptionalInt.of(256), read.get(0).memoryMb());
        assertNull(read.get(1).logTail());
    }

    /** What an admin sees with tar and gunzip: one JSON-lines file named after the day. */
    @Test
    void anArchiveIsOneJsonLinesFilePerDay() throws IOException {
        byte[] archive = write(List.of(activation("a-1", "bye", 128, "f-1")));
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry = tar.getNextEntry();
            assertEquals("activations-2026-11-01.jsonl", entry.getName());
            String lines = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(lines.startsWith("{\"id\":\"a-1\""), lines);
            assertTrue(lines.contains("\"logTail\":\"bye\""), lines);
            assertTrue(lines.endsWith("}\n"), lines);
            assertNull(tar.getNextEntry(), "one entry");
        }
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b}, new byte[] {archive[0], archive[1]}, "gzip");
    }

    @Test
    void anEmptyDayIsAnEmptyEntry() {
        assertEquals(List.of(), read(write(List.of())));
    }

    @Test
    void aMergeKeepsTheDayInOrderWithTheAddedRecordsInPlaceOfEarlierOnes() {
        byte[] earlier = write(List.of(at("a-1", "09:00"), at("a-3", "11:00"), at("a-5", "13:00")));
        ActivationEntity again = at("a-3", "11:00");
        again.status("success");
        List<ActivationEntity> given = new ArrayList<>();

        byte[] merged = format.merge(DAY, earlier, List.of(at("a-4", "12:00"), again, at("a-2", "10:00")), given::add);

        List<ActivationEntity> read = read(merged);
        assertEquals(
                List.of("a-1", "a-2", "a-3", "a-4", "a-5"),
                read.stream().map(ActivationEntity::id).toList());
        assertEquals("success", read.get(2).status());
        assertEquals(
                read.stream().map(ActivationEntity::id).toList(),
                given.stream().map(ActivationEntity::id).toList(),
                "each record of the archive given once, in order");
    }

    private byte[] write(List<ActivationEntity> records) {
        return format.merge(DAY, null, records, record -> {});
    }

    private List<ActivationEntity> read(byte[] archive) {
        List<ActivationEntity> records = new ArrayList<>();
        format.merge(DAY, archive, List.of(), records::add);
        return records;
    }

    private static ActivationEntity at(String id, String time) {
        ActivationEntity activation = ActivationEntity.queued(
                id, "f-1", "hello", "dev", "dev", OffsetDateTime.parse("2026-11-01T" + time + ":00Z"));
        activation.status("error");
        return activation;
    }
}
