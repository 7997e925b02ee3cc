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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        RequestMemory.end();
    }

    @Test
    void oneUsersBodiesHoldAtMostTheirShareAndTheRoomComesBackWhenTheRequestEnds() throws IOException {
        RequestMemory.begin(() -> "dev");
        RequestBodies.readAtMost(empty(), 20 << 20, 20 << 20, "The archive");
        RequestBodies.readAtMost(empty(), -1, 20 << 20, "The archive"); // chunked: its limit

        HearthException refused =
                assertThrows(HearthException.class, () -> RequestBodies.readAtMost(UNREADABLE, 1 << 20, 2 << 20, "x"));
        assertArrayEquals(new byte[10], RequestBodies.readAtMost(new ByteArrayInputStream(new byte[10]), 10, 20, "x"));
        long freeWhileHeld = RequestMemory.BODIES.free();
        RequestMemory.end();

        assertEquals(ProblemType.SERVER_BUSY, refused.type());
        assertEquals(503, refused.type().status());
        assertEquals((96L << 20) - (40 << 20), freeWhileHeld, "a small body claims nothing");
        assertEquals(96L << 20, RequestMemory.BODIES.free());
    }

    @Test
    void theUsersTogetherHoldAtMostTheMembersBudget() throws Exception {
        ExecutorService requests = Executors.newFixedThreadPool(3);
        try {
            List<String> answers = new ArrayList<>();
            List<Future<String>> held = new ArrayList<>();
            CountDownLatch allClaimed = new CountDownLatch(3);
            CountDownLatch end = new CountDownLatch(1);
            for (String user : List.of("dev", "dev2", "dev3")) {
                held.add(requests.submit(() -> {
                    RequestMemory.begin(() -> user);
                    try {
                        RequestBodies.readAtMost(empty(), 40 << 20, 40 << 20, "The archive");
                        return "taken";
                    } catch (HearthException refused) {
                        return refused.type().name();
                    } finally {
                        allClaimed.countDown();
                        end.await(10, TimeUnit.SECONDS);
                        RequestMemory.end();
                    }
                }));
            }
            allClaimed.await(10, TimeUnit.SECONDS);
            long freeWhileHeld = RequestMemory.BODIES.free();
            end.countDown();
            for (Future<String> answer : held) {
                answers.add(answer.get(10, TimeUnit.SECONDS));
            }

            assertEquals(
                    List.of("SERVER_BUSY", "taken", "taken"),
                    answers.stream().sorted().toList());
            assertEquals((96L << 20) - (80 << 20), freeWhileHeld);
            assertEquals(96L << 20, RequestMemory.BODIES.free());
        } finally {
            requests.shutdownNow();
        }
    }

    private static InputStream empty() {
        return new ByteArrayInputStream(new byte[0]);
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
