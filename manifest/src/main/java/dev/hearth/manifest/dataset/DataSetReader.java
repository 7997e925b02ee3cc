package dev.hearth.manifest.dataset;

import dev.hearth.domain.rules.Limits;
import dev.hearth.protocol.archive.CodeArchive;
import dev.hearth.protocol.archive.InvalidArchiveException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Reads a data set into its records. JSON lines: one JSON value per line (blank lines skipped),
 * UTF-8, each at most the event limit. An archive is read by {@link CodeArchive} with the data
 * set's limits, which refuses traversal, links, special files, too many entries and more unpacked
 * bytes than the limits or the ratio allow, counting the bytes actually inflated; each of its
 * files, in path order, is JSON lines.
 *
 * <p>A read holds the upload, its unpacked files and its records (up to about twice the unpacked
 * limit), so only {@value #MAX_READS_AT_ONCE} run at once in one JVM; one more is refused at once
 * with a {@link DataSetVerdict.Busy} rather than made to wait with its upload in memory.
 */
public final class DataSetReader {

    /**
     * With the default limits one read holds at most the upload (16 MiB), its files (64 MiB) and
     * their records (64 MiB of text): two at once leave most of Payara's 512 MiB heap to the rest.
     */
    static final int MAX_READS_AT_ONCE = 2;

    /** Package-private so that a test can hold every permit. */
    static final Semaphore READS = new Semaphore(MAX_READS_AT_ONCE);

    private static final int MAX_REPORTED_PROBLEMS = 20;

    /** Looked up once: {@code Json.createParser} searches for the provider on every call. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private DataSetReader() {}

    /** {@link DataSetVerdict.Busy} when {@value #MAX_READS_AT_ONCE} reads are running already. */
    public static DataSetVerdict read(byte[] upload, DataSetFormat format, DataSetLimits limits) {
        if (upload.length > limits.maxUploadBytes()) {
            return new DataSetVerdict.TooLarge(
                    "the data set is " + upload.length + " bytes, over the limit of " + limits.maxUploadBytes());
        }
        if (!READS.tryAcquire()) {
            return new DataSetVerdict.Busy(
                    "the server is reading " + MAX_READS_AT_ONCE + " data sets already; retry in a few seconds");
        }
        try {
            return readRecords(upload, format, limits);
        } finally {
            READS.release();
        }
    }

    private static DataSetVerdict readRecords(byte[] upload, DataSetFormat format, DataSetLimits limits) {
        Records records = new Records(limits);
        if (format == DataSetFormat.JSON_LINES) {
            records.addLines("the data set", upload);
        } else {
            CodeArchive archive;
            try {
                archive = CodeArchive.read(upload, limits.archiveLimits());
            } catch (InvalidArchiveException e) {
                return new DataSetVerdict.Refused(e.problems());
            }
            for (String path : archive.files()) {
                records.addLines("'" + path + "'", archive.file(path).orElseThrow());
                if (records.overLimit) {
                    break;
                }
            }
        }
        if (records.overLimit) {
            return new DataSetVerdict.TooLarge("the data set has more than " + limits.maxRecords() + " records");
        }
        if (!records.problems.isEmpty()) {
            return new DataSetVerdict.Refused(records.problems);
        }
        if (records.values.isEmpty()) {
            return new DataSetVerdict.Refused(List.of("the data set has no records"));
        }
        return new DataSetVerdict.Accepted(records.values);
    }

    private static final class Records {
        private final DataSetLimits limits;
        private final List<String> values = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private boolean overLimit;

        Records(DataSetLimits limits) {
            this.limits = limits;
        }

        /** Decodes line by line, never the whole text at once: it may be tens of MiB. */
        void addLines(String source, byte[] bytes) {
            if (!isUtf8(bytes)) {
                problem(source + " is not UTF-8 text");
                return;
            }
            int line = 0;
            for (int start = 0; start < bytes.length && !overLimit; ) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                line++;
                // A '\n' byte is never inside a UTF-8 sequence: each line is UTF-8 on its own.
                String value = new String(bytes, start, end - start, StandardCharsets.UTF_8).strip();
                start = end + 1;
                if (!value.isEmpty()) {
                    add(source, line, value);
                }
            }
        }

        private static boolean isUtf8(byte[] bytes) {
            CharsetDecoder decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate(8192);
            CoderResult result;
            do {
                out.clear();
                result = decoder.decode(in, out, true);
            } while (result.isOverflow());
            return !result.isError() && !decoder.flush(out.clear()).isError();
        }

        private void add(String source, int line, String value) {
            if (values.size() == limits.maxRecords()) {
                overLimit = true;
                return;
            }
            if (value.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_EVENT_BYTES) {
                problem(source + " line " + line + " is larger than the event limit of " + Limits.MAX_EVENT_BYTES
                        + " bytes");
                return;
            }
            try (JsonParser parser = PARSERS.createParser(new StringReader(value))) {
                while (parser.hasNext()) {
                    parser.next();
                }
                values.add(value);
            } catch (JsonException e) {
                problem(source + " line " + line + " is not one JSON value");
            }
        }

        private void problem(String text) {
            if (problems.size() < MAX_REPORTED_PROBLEMS) {
                problems.add(text);
            }
        }
    }
}
