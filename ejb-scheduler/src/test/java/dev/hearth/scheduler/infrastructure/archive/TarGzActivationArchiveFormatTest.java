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

        List<ActivationEntity> read = format.read(format.write(DAY, written));

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
        byte[] archive = format.write(DAY, List.of(activation("a-1", "bye", 128, "f-1")));
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
        assertEquals(List.of(), format.read(format.write(DAY, List.of())));
    }
}
