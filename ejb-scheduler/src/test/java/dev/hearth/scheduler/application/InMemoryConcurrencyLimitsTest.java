package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hearth.domain.placement.StartKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class InMemoryConcurrencyLimitsTest {

    private final List<SchedulerMetrics.Rejection> rejections = new ArrayList<>();
    private final ConcurrencyLimits limits = new InMemoryConcurrencyLimits(
            new SchedulerSettings(Duration.ofMinutes(1), 2, 3, Duration.ofMillis(50), List.of()),
            new SchedulerMetrics() {
                @Override
                public void invoked(StartKind kind, long nanos) {}

                @Override
                public void rejected(Rejection why) {
                    rejections.add(why);
                }
            });

    @Test
    void refusesTheThirdInvocationOfAFunctionAfterTheQueueWait() {
        limits.acquire("alice", "f");
        limits.acquire("alice", "f");

        assertRefused(() -> limits.acquire("alice", "f"));
        assertEquals(List.of(SchedulerMetrics.Rejection.CONCURRENCY_LIMIT), rejections);
        limits.acquire("alice", "g");
    }

    @Test
    void refusesTheFourthInvocationOfAUserAcrossFunctions() {
        limits.acquire("alice", "f");
        limits.acquire("alice", "g");
        limits.acquire("alice", "h");

        assertRefused(() -> limits.acquire("alice", "i"));
        limits.acquire("bob", "i");
    }

    @Test
    void aWaitingInvocationGetsTheSlotThatIsReleased() throws Exception {
        limits.apply(new SchedulerSettings(Duration.ofMinutes(1), 1, 3, Duration.ofSeconds(30), List.of()));
        ConcurrencyLimits.Permit first = limits.acquire("alice", "f");

        CompletableFuture<ConcurrencyLimits.Permit> second =
                CompletableFuture.supplyAsync(() -> limits.acquire("alice", "f"));
        first.close();

        second.get(10, TimeUnit.SECONDS).close();
        assertEquals(List.of(), rejections);
    }

    @Test
    void closingTwiceFreesOneSlot() {
        ConcurrencyLimits.Permit permit = limits.acquire("alice", "f");
        limits.acquire("alice", "f");
        permit.close();
        permit.close();

        limits.acquire("alice", "f");
        assertRefused(() -> limits.acquire("alice", "f"));
    }

    private static void assertRefused(Executable acquire) {
        HearthException refused = assertThrows(HearthException.class, acquire);
        assertEquals(ProblemType.TOO_MANY_REQUESTS, refused.type());
    }
}
