package dev.hearth.web.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.web.problem.ProblemException;
import dev.hearth.web.problem.ProblemType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    /** A body that fails the test if it is read at all. */
    private static final InputStream UNREADABLE = new InputStream() {
        @Override
        public int read() {
            throw new AssertionError("the body was read");
        }
    };

    @Test
    void refusesADeclaredOversizedBodyWithoutReadingIt() {
        ProblemException refused = assertThrows(
                ProblemException.class, () -> RequestBodies.readAtMost(UNREADABLE, 21L << 20, 20 << 20, "The archive"));

        assertEquals(413, refused.status());
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, refused.type());
        assertEquals("The archive is larger than the limit of 20971520 bytes.", refused.getMessage());
    }

    @Test
    void refusesAnUndeclaredOversizedBodyOneBytePastTheLimit() {
        ProblemException refused = assertThrows(
                ProblemException.class,
                () -> RequestBodies.readAtMost(new ByteArrayInputStream(new byte[11]), -1, 10, "The event"));

        assertEquals(413, refused.status());
    }

    @Test
    void readsABodyUpToTheLimit() throws IOException {
        byte[] body = new byte[10];
        body[9] = 7;

        assertArrayEquals(body, RequestBodies.readAtMost(new ByteArrayInputStream(body), -1, 10, "The event"));
    }

    @Test
    void acceptsAnyJsonValueAsEvent() {
        assertEquals("{\"name\":\"Ada\"}", RequestBodies.jsonEvent(utf8("{\"name\":\"Ada\"}")));
        assertEquals("[1, 2]", RequestBodies.jsonEvent(utf8("[1, 2]")));
        assertEquals("\"héllo\"", RequestBodies.jsonEvent(utf8("\"héllo\"")));
    }

    @Test
    void namesWhyAnEventIsNotJson() {
        assertInvalidEvent(utf8("{\"name\": Ada}"), "The event is not JSON: ");
        assertInvalidEvent(utf8("{\"name\":\"Ada\""), "The event is not JSON: ");
        assertInvalidEvent(utf8("{} {}"), "The event is not JSON: ");
        assertInvalidEvent(utf8(" "), "The event is empty");
        assertInvalidEvent(new byte[] {'"', (byte) 0xC3, '"'}, "The event is not UTF-8 text.");
    }

    private static void assertInvalidEvent(byte[] event, String detailStart) {
        ProblemException refused = assertThrows(ProblemException.class, () -> RequestBodies.jsonEvent(event));
        assertEquals(400, refused.status());
        assertEquals(ProblemType.INVALID_EVENT, refused.type());
        assertTrue(refused.getMessage().startsWith(detailStart), refused.getMessage());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
