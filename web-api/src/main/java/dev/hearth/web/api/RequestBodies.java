package dev.hearth.web.api;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reading request bodies with a size limit. */
final class RequestBodies {

    private RequestBodies() {}

    /**
     * The whole body, refused with 413 as soon as it is known to exceed {@code limit}: at once when
     * the declared {@code Content-Length} does, else after reading one byte past the limit; and with
     * 503 when the {@link RequestMemory} has no room for it.
     *
     * @param declaredLength the Content-Length, or -1 when the body is chunked
     */
    static byte[] readAtMost(InputStream body, long declaredLength, int limit, String what) throws IOException {
        if (declaredLength > limit) {
            throw tooLarge(what, limit);
        }
        RequestMemory.claimBody(declaredLength, limit);
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw tooLarge(what, limit);
        }
        return bytes;
    }

    /**
     * The event as text: JSON is UTF-8 (RFC 8259). Whether it is JSON is the invocation service's
     * to say.
     */
    static String eventText(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new HearthException(ProblemType.INVALID_EVENT, "The event is not UTF-8 text.");
        }
    }

    private static HearthException tooLarge(String what, int limit) {
        return new HearthException(
                ProblemType.PAYLOAD_TOO_LARGE, what + " is larger than the limit of " + limit + " bytes.");
    }
}
