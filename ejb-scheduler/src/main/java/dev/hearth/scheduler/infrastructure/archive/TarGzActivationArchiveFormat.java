package dev.hearth.scheduler.infrastructure.archive;

import dev.hearth.persistence.ActivationEntity;
import dev.hearth.scheduler.application.ActivationArchiveFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A day's records as {@code activations-YYYY-MM-DD.jsonl} in a {@code .tar.gz}: one JSON object
 * per line with every field of the record ({@code memoryMb}, {@code logTail} and {@code result}
 * absent when the record has none, {@code resultTruncated} unless its result is only the beginning
 * of a longer one), readable with {@code tar xzf} and any JSON-lines tool.
 */
@ApplicationScoped
public class TarGzActivationArchiveFormat implements ActivationArchiveFormat {

    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final Comparator<ActivationEntity> ORDER =
            Comparator.comparing(ActivationEntity::startedAt).thenComparing(ActivationEntity::id);

    @Override
    public String mediaType() {
        return "application/gzip";
    }

    @Override
    public byte[] merge(LocalDate day, byte[] earlier, List<ActivationEntity> added, Consumer<ActivationEntity> each) {
        // A tar entry's size comes before its content: the records are gone through twice rather
        // than the day's lines held at once.
        long[] size = {0};
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(archive))) {
            merged(earlier, added, (record, line) -> size[0] += line.length + 1);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry header = new TarArchiveEntry(entryName(day));
            header.setSize(size[0]);
            header.setModTime(day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
            tar.putArchiveEntry(header);
            merged(earlier, added, (record, line) -> {
                tar.write(line);
                tar.write('\n');
                each.accept(record);
            });
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive of " + day, e);
        }
        return archive.toByteArray();
    }

    /** The records of both, oldest first, those of {@code added} in place of earlier ones. */
    private static void merged(byte[] earlier, List<ActivationEntity> added, Line each) throws IOException {
        Set<String> replaced = added.stream().map(ActivationEntity::id).collect(Collectors.toSet());
        Iterator<ActivationEntity> news = added.stream().sorted(ORDER).iterator();
        ActivationEntity next = news.hasNext() ? news.next() : null;
        try (TarArchiveInputStream tar = earlier == null ? null : open(earlier)) {
            for (Iterator<ActivationEntity> olds = tar == null ? Collections.emptyIterator() : records(tar);
                    olds.hasNext(); ) {
                ActivationEntity old = olds.next();
                if (replaced.contains(old.id())) {
                    continue;
                }
                for (; next != null && ORDER.compare(next, old) < 0; next = news.hasNext() ? news.next() : null) {
                    each.accept(next, json(next).getBytes(StandardCharsets.UTF_8));
                }
                each.accept(old, json(old).getBytes(StandardCharsets.UTF_8));
            }
        }
        for (; next != null; next = news.hasNext() ? news.next() : null) {
            each.accept(next, json(next).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static TarArchiveInputStream open(byte[] archive) throws IOException {
        return new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)));
    }

    /** The records of an archive, read one line at a time. */
    static Iterator<ActivationEntity> records(TarArchiveInputStream tar) {
        return new Iterator<>() {
            private BufferedReader lines;
            private ActivationEntity next = advance();

            private ActivationEntity advance() {
                try {
                    while (true) {
                        String line = lines == null ? null : lines.readLine();
                        if (line != null) {
                            if (!line.isBlank()) {
                                return record(line);
                            }
                            continue;
                        }
                        TarArchiveEntry entry = tar.getNextEntry();
                        if (entry == null) {
                            return null;
                        }
                        lines = entry.isFile() && entry.getName().endsWith(".jsonl")
                                ? new BufferedReader(new InputStreamReader(tar, StandardCharsets.UTF_8))
                                : null;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read an activation archive", e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ActivationEntity next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                ActivationEntity current = next;
                next = advance();
                return current;
            }
        };
    }

    /** One record of the archive being written, and its line. */
    private interface Line {
        void accept(ActivationEntity record, byte[] line) throws IOException;
    }

    static String entryName(LocalDate day) {
        return "activations-" + day + ".jsonl";
    }

    private static String json(ActivationEntity a) {
        JsonObjectBuilder object = BUILDERS.createObjectBuilder()
                .add("id", a.id())
                .add("functionName", a.functionName())
                .add("owner", a.owner())
                .add("caller", a.caller())
                .add("instanceId", a.instanceId())
                .add("hostId", a.hostId())
                .add("startKind", a.startKind())
                .add("status", a.status())
                .add("startedAt", a.startedAt().toString())
                .add("initMs", a.initMillis())
                .add("runMs", a.runMillis())
                .add("durationMs", a.durationMillis());
        if (a.functionId() != null) {
            object.add("functionId", a.functionId());
        }
        a.memoryMb().ifPresent(mb -> object.add("memoryMb", mb));
        if (a.logTail() != null) {
            object.add("logTail", a.logTail());
        }
        if (a.result() != null) {
            object.add("result", a.result());
        }
        if (a.resultTruncated()) {
            object.add("resultTruncated", true);
        }
        return object.build().toString();
    }

    private static ActivationEntity record(String line) {
        JsonObject o;
        try (JsonReader reader = READERS.createReader(new StringReader(line))) {
            o = reader.readObject();
        }
        return new ActivationEntity(
                        o.getString("id"),
                        o.getString("functionId", null),
                        o.getString("functionName"),
                        o.getString("owner"),
                        o.getString("caller"),
                        o.getString("instanceId"),
                        o.getString("hostId"),
                        o.getString("startKind"),
                        o.getString("status"),
                        OffsetDateTime.parse(o.getString("startedAt")),
                        o.getJsonNumber("initMs").longValueExact(),
                        o.getJsonNumber("runMs").longValueExact(),
                        o.getJsonNumber("durationMs").longValueExact(),
                        o.getString("logTail", null),
                        o.containsKey("memoryMb") && o.get("memoryMb") != JsonValue.NULL ? o.getInt("memoryMb") : null)
                .withResult(o.getString("result", null), o.getBoolean("resultTruncated", false));
    }
}
