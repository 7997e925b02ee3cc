package dev.hearth.web.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    /** A body that fails the test if it is read at all. */
    private static final InputStream UNREADABLE = new InputStream() {
        @Override
        public int read() {
            throw new AssertionError("the body was read");
        }
    };

    @AfterEach
    void requestEnds() {
        BodyBudget.releaseClaimed();
    }

    @Test
    void aBodyThatFindsNoRoomLeftIsRefused503AndTheRoomComesBackWhenItsRequestEnds() throws IOException {
        int free = BodyBudget.free();
        RequestBodies.readAtMost(new ByteArrayInputStream(new byte[0]), free - 10, free, "The archive");

        HearthException refused =
                assertThrows(HearthException.class, () -> RequestBodies.readAtMost(UNREADABLE, 11, 20, "The event"));
        assertArrayEquals(
                new byte[10], RequestBodies.readAtMost(new ByteArrayInputStream(new byte[10]), 10, 20, "The event"));
        BodyBudget.releaseClaimed();

        assertEquals(ProblemType.SERVER_BUSY, refused.type());
        assertEquals(503, refused.type().status());
        assertEquals(BodyBudget.MAX_BYTES, BodyBudget.free());
    }

    @Test
    void refusesADeclaredOversizedBodyWithoutReadingIt() {
        HearthException refused = assertThrows(
                HearthException.class, () -> RequestBodies.readAtMost(UNREADABLE, 21L << 20, 20 << 20, "The archive"));

        assertEquals(413, refused.type().status());
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, refused.type());
        assertEquals("The archive is larger than the limit of 20971520 bytes.", refused.getMessage());
    }

    @Test
    void refusesAnUndeclaredOversizedBodyOneBytePastTheLimit() {
        HearthException refused = assertThrows(
                HearthException.class,
                () -> RequestBodies.readAtMost(new ByteArrayInputStream(new byte[11]), -1, 10, "The event"));

        assertEquals(413, refused.type().status());
    }

    @Test
    void readsABodyUpToTheLimit() throws IOException {
        byte[] body = new byte[10];
        body[9] = 7;

        assertArrayEquals(body, RequestBodies.readAtMost(new ByteArrayInputStream(body), -1, 10, "The event"));
    }

    @Test
    void decodesTheEventAsUtf8() {
        assertEquals("{\"name\":\"Zoë\"}", RequestBodies.eventText(utf8("{\"name\":\"Zoë\"}")));
    }

    @Test
    void refusesAnEventThatIsNotUtf8() {
        HearthException refused =
                assertThrows(HearthException.class, () -> RequestBodies.eventText(new byte[] {'"', (byte) 0xC3, '"'}));

        assertEquals(400, refused.type().status());
        assertEquals(ProblemType.INVALID_EVENT, refused.type());
        assertEquals("The event is not UTF-8 text.", refused.getMessage());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
