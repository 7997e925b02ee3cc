package dev.hearth.web.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class RecentAnswerTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final AtomicInteger runs = new AtomicInteger();
    private final RecentAnswer check = new RecentAnswer(
            () -> new HealthCheckResponse(
                    "agents", HealthCheckResponse.Status.UP, Optional.of(Map.of("run", runs.incrementAndGet()))),
            clock::get);

    @Test
    void requestsWithinTheFreshTimeGetTheLastRunsAnswer() {
        HealthCheckResponse first = check.call();
        clock.addAndGet(RecentAnswer.FRESH_FOR.toNanos() - 1);

        assertEquals(first, check.call());
        assertEquals(1, runs.get(), "the agents were asked once");
    }

    @Test
    void aStaleAnswerRunsTheCheckAgain() {
        check.call();
        clock.addAndGet(RecentAnswer.FRESH_FOR.toNanos());

        HealthCheckResponse second = check.call();

        assertEquals(2, runs.get());
        assertEquals(2, second.getData().orElseThrow().get("run"));
    }
}
