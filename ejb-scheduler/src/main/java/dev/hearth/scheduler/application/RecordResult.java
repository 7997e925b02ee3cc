package dev.hearth.scheduler.application;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * What one record of a bulk job came to: its invocation's activation (null when Hearth refused to
 * run it), status (the function's, or the problem's type such as {@code too-many-requests}) and
 * result (the function's, or the problem's detail).
 */
public record RecordResult(int index, String activationId, String status, JsonValue result) {

    private static final JsonProvider JSON = JsonProvider.provider();

    public boolean succeeded() {
        return "success".equals(status);
    }

    /** The record's line of the results file, without its line end. */
    public String line() {
        JsonObjectBuilder line = JSON.createObjectBuilder().add("index", index);
        line.add("activationId", activationId == null ? JsonValue.NULL : JSON.createValue(activationId));
        return line.add("status", status).add("result", result).build().toString();
    }

    /**
     * One chunk's part of the results file: its lines, each ended by a line feed, as one gzip
     * member. Members written one after the other form one gzip stream (RFC 1952), so a chunk's
     * part can be stored, replaced and served on its own.
     */
    public static byte[] gzipMember(List<RecordResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
            for (RecordResult result : results) {
                out.write(result.line());
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("in memory", e);
        }
        return bytes.toByteArray();
    }
}
