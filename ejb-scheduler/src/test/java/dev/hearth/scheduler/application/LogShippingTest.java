package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hearth.domain.function.LogDestination;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With endpoints that stall until the test lets them answer, as a caller's own endpoint may. */
class LogShippingTest {

    private static final LogDestination ENDPOINT = new LogDestination(URI.create("https://logs.example/"), null);

    /** The callers of the deliveries that reached the endpoint, in order. */
    private final BlockingQueue<String> reached = new LinkedBlockingQueue<>();

    /** One permit lets one stalled delivery end. */
    private final Semaphore answers = new Semaphore(0);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    private final LogShipping shipping = new LogShipping(
            null,
            (destination, activation, lines) -> {
                reached.add(activation.caller());
                answers.acquireUninterruptibly();
            },
            threads);

    @AfterEach
    void stop() {
        answers.release(10_000);
        threads.shutdownNow();
    }

    @Test
    void anotherCallersDeliveryGoesFirstWhileOneCallersEndpointsStall() throws Exception {
        for (int i = 0; i < 10; i++) {
            ship("mallory");
        }
        assertEquals(List.of("mallory", "mallory", "mallory", "mallory"), next(LogShipping.MAX_UNDER_WAY));

        ship("alice");
        assertNull(reached.poll(200, TimeUnit.MILLISECONDS), "every thread is held by mallory's stalled endpoints");

        answers.release();
        assertEquals("alice", reached.poll(10, TimeUnit.SECONDS), "the first thread to come free is alice's");
        answers.release();
        assertEquals("mallory", reached.poll(10, TimeUnit.SECONDS), "then mallory's waiting deliveries go on");
    }

    @Test
    void deliveriesBeyondACallersWaitingRoomAreDropped() throws Exception {
        int kept = LogShipping.MAX_UNDER_WAY + LogShipping.MAX_WAITING_PER_CALLER;
        for (int i = 0; i < kept + 5; i++) {
            ship("mallory");
        }
        ship("alice");

        answers.release(10_000);
        List<String> all = next(kept + 1);
        assertEquals(kept, all.stream().filter("mallory"::equals).count());
        assertEquals(1, all.stream().filter("alice"::equals).count());
        assertNull(reached.poll(200, TimeUnit.MILLISECONDS), "the five beyond the waiting room were dropped");
    }

    @Test
    void callersWhoFillTheMembersWaitingRoomCannotKeepOutOneWithNoneWaiting() throws Exception {
        int callers = LogShipping.MAX_WAITING / LogShipping.MAX_WAITING_PER_CALLER;
        for (int c = 0; c < callers; c++) {
            int deliveries = LogShipping.MAX_WAITING_PER_CALLER + (c == 0 ? LogShipping.MAX_UNDER_WAY : 0);
            for (int i = 0; i < deliveries; i++) {
                ship("mallory-" + c);
            }
        }
        ship("alice");

        answers.release(10_000);
        List<String> all = next(LogShipping.MAX_UNDER_WAY + LogShipping.MAX_WAITING);
        assertEquals(1, all.stream().filter("alice"::equals).count(), "alice's took a mallory's place");
        assertEquals(LogShipping.MAX_UNDER_WAY + LogShipping.MAX_WAITING, all.size());
        assertNull(reached.poll(200, TimeUnit.MILLISECONDS), "the one mallory's it replaced was dropped");
    }

    private void ship(String caller) {
        shipping.shipAfter(ENDPOINT, activation(caller), new ActivationAccess.AnswerOnly());
    }

    /** The callers of the next {@code count} deliveries to reach the endpoint. */
    private List<String> next(int count) throws InterruptedException {
        List<String> callers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String caller = reached.poll(10, TimeUnit.SECONDS);
            if (caller == null) {
                break;
            }
            callers.add(caller);
        }
        return callers;
    }

    private static ActivationView activation(String caller) {
        return new ActivationView(
                "act-" + caller,
                "f",
                "owner",
                caller,
                "i-1",
                "local",
                "warm",
                "success",
                OffsetDateTime.parse("2026-12-01T10:00:00Z"),
                0,
                5,
                5,
                null,
                null,
                false,
                null);
    }
}
