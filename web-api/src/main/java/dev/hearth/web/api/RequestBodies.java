package dev.hearth.web.api;

import dev.hearth.web.problem.ProblemException;
import dev.hearth.web.problem.ProblemType;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reading request bodies with a size limit, and checking that an event is JSON. */
final class RequestBodies {

    static final int MAX_ARCHIVE_BYTES = 20 * 1024 * 1024;
    static final int MAX_EVENT_BYTES = 1024 * 1024;

    private RequestBodies() {}

    /**
     * The whole body, refused with 413 as soon as it is known to exceed {@code limit}: at once when
     * the declared {@code Content-Length} does, else after reading one byte past the limit.
     *
     * @param declaredLength the Content-Length, or -1 when the body is chunked
     */
    static byte[] readAtMost(InputStream body, long declaredLength, int limit, String what) throws IOException {
        if (declaredLength > limit) {
            throw tooLarge(what, limit);
        }
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw tooLarge(what, limit);
        }
        return bytes;
    }

    /** The event as text, when it is one JSON value in UTF-8 (RFC 8259); else a 400 that says why. */
    static String jsonEvent(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalidEvent("The event is not UTF-8 text.");
        }
        if (text.isBlank()) {
            throw invalidEvent("The event is empty; send a JSON value, such as {}.");
        }
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                parser.next();
            }
        } catch (JsonParsingException e) {
            throw invalidEvent("The event is not JSON: " + e.getMessage());
        }
        return text;
    }

    private static ProblemException tooLarge(String what, int limit) {
        return new ProblemException(
                ProblemType.PAYLOAD_TOO_LARGE, 413, what + " is larger than the limit of " + limit + " bytes.");
    }

    private static ProblemException invalidEvent(String detail) {
        return new ProblemException(ProblemType.INVALID_EVENT, 400, detail);
    }
}
