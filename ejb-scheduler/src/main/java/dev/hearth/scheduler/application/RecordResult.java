package dev.hearth.scheduler.application;

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
public record RecordResult(int index, String activationId, String status, JsonText result) {

    private static final JsonProvider JSON = JsonProvider.provider();

    public boolean succeeded() {
        return "success".equals(status);
    }

    /** The record's line of the results file, without its line end; the result's text as it is but on one line. */
    public String line() {
        return "{\"index\":" + index
                + ",\"activationId\":" + (activationId == null ? "null" : JSON.createValue(activationId))
                + ",\"status\":" + JSON.createValue(status)
                + ",\"result\":" + result.oneLine() + "}";
    }

    /**
     * Part of the results file: the lines, each ended by a line feed, as one gzip member. Members
     * written one after the other form one gzip stream (RFC 1952), so each record's line can be
     * compressed as it comes and a chunk's part stored, replaced and served on its own.
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
