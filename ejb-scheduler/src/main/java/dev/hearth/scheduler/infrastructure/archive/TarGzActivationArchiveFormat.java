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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Override
    public String mediaType() {
        return "application/gzip";
    }

    @Override
    public byte[] write(LocalDate day, List<ActivationEntity> records) {
        StringBuilder lines = new StringBuilder();
        records.forEach(record -> lines.append(json(record)).append('\n'));
        byte[] entry = lines.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(archive))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry header = new TarArchiveEntry(entryName(day));
            header.setSize(entry.length);
            header.setModTime(day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
            tar.putArchiveEntry(header);
            tar.write(entry);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive of " + day, e);
        }
        return archive.toByteArray();
    }

    @Override
    public List<ActivationEntity> read(byte[] archive) {
        List<ActivationEntity> records = new ArrayList<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isFile() || !entry.getName().endsWith(".jsonl")) {
                    continue;
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(tar, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank()) {
                        records.add(record(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an activation archive", e);
        }
        return records;
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
