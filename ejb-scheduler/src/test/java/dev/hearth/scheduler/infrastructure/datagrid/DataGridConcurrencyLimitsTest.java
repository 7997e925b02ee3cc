package dev.hearth.scheduler.infrastructure.datagrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.hearth.domain.placement.StartKind;
import dev.hearth.scheduler.application.ConcurrencyLimits.Permit;
import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.scheduler.application.SchedulerMetrics;
import dev.hearth.scheduler.application.SchedulerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DataGridConcurrencyLimitsTest {

    /** Two invocations per user, many per function; a refusal after a short queue wait. */
    private static final SchedulerSettings TWO_PER_USER =
            new SchedulerSettings(Duration.ofMinutes(1), 10, 2, Duration.ofMillis(200), List.of());

    private final List<SchedulerMetrics.Rejection> rejections = new CopyOnWriteArrayList<>();
    private LoopbackDataGrid grid;
    private HazelcastInstance firstMember;
    private DataGridConcurrencyLimits onFirstMember;
    private DataGridConcurrencyLimits onSecondMember;

    @BeforeEach
    void twoMembers() {
        grid = new LoopbackDataGrid();
        firstMember = grid.startMember();
        onFirstMember = limitsOn(firstMember);
        onSecondMember = limitsOn(grid.startMember());
    }

    @AfterEach
    void stop() {
        grid.close();
    }

    @Test
    void theLimitOfAUserHoldsAcrossMembers() {
        onFirstMember.acquire("alice", "f");
        onSecondMember.acquire("alice", "g");

        assertRefused(() -> onSecondMember.acquire("alice", "h"));
        assertRefused(() -> onFirstMember.acquire("alice", "h"));
        assertEquals(
                List.of(SchedulerMetrics.Rejection.CONCURRENCY_LIMIT, SchedulerMetrics.Rejection.CONCURRENCY_LIMIT),
                rejections);
        onSecondMember.acquire("bob", "h").close();
    }

    @Test
    void theLimitOfAFunctionHoldsAcrossMembersAndARefusedUserTakesNoSlotOfIt() {
        SchedulerSettings onePerFunction =
                new SchedulerSettings(Duration.ofMinutes(1), 2, 1, Duration.ofMillis(200), List.of());
        onFirstMember.apply(onePerFunction);
        onSecondMember.apply(onePerFunction);
        onFirstMember.acquire("alice", "f");

        assertRefused(() -> onSecondMember.acquire("alice", "f"));
        onSecondMember.acquire("bob", "f");
        assertRefused(() -> onFirstMember.acquire("carol", "f"));
    }

    @Test
    void limitsHoldWhenTheirEntriesAreOwnedByAMemberWithoutHearth() throws InterruptedException {
        HazelcastInstance das = grid.startMemberWithoutHearth();
        String user = LoopbackDataGrid.keyOwnedBy(das, DataGridConcurrencyLimits.userKey("user-"))
                .substring("user:".length());
        String function = LoopbackDataGrid.keyOwnedBy(das, DataGridConcurrencyLimits.functionKey("f-"))
                .substring("function:".length());
        SchedulerSettings onePerFunction =
                new SchedulerSettings(Duration.ofMinutes(1), 1, 2, Duration.ofMillis(200), List.of());
        onFirstMember.apply(onePerFunction);
        onSecondMember.apply(onePerFunction);

        Permit running = onFirstMember.acquire(user, function);
        assertRefused(() -> onSecondMember.acquire("bob", function));
        onSecondMember.acquire(user, "g");
        assertRefused(() -> onSecondMember.acquire(user, "h"));
        running.close();

        onSecondMember.acquire("bob", function);
    }

    @Test
    void racingAcquiresOnBothMembersNeverHoldMoreSlotsThanTheLimit() throws Exception {
        SchedulerSettings threePerUser =
                new SchedulerSettings(Duration.ofMinutes(1), 100, 3, Duration.ofSeconds(30), List.of());
        onFirstMember.apply(threePerUser);
        onSecondMember.apply(threePerUser);
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<CompletableFuture<Void>> racers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        for (int racer = 0; racer < 12; racer++) {
            DataGridConcurrencyLimits limits = racer % 2 == 0 ? onFirstMember : onSecondMember;
            String function = "f" + racer;
            racers.add(CompletableFuture.runAsync(
                    () -> {
                        for (int round = 0; round < 20; round++) {
                            try (Permit permit = limits.acquire("alice", function)) {
                                mostAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
                                Thread.sleep(5); // as an invocation runs, so that the holders overlap
                                holding.decrementAndGet();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    },
                    threads));
        }

        try {
            CompletableFuture.allOf(racers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertTrue(mostAtOnce.get() <= 3, "at most 3 of alice's invocations at once, saw " + mostAtOnce.get());
        assertEquals(List.of(), rejections);
    }

    @Test
    void anInvocationOverTheLimitWaitsForASlotReleasedOnTheOtherMember() throws Exception {
        longQueueWaitOnBothMembers();
        Permit first = onFirstMember.acquire("alice", "f");
        onFirstMember.acquire("alice", "f");

        CompletableFuture<Permit> third = CompletableFuture.supplyAsync(() -> onSecondMember.acquire("alice", "f"));
        assertThrows(TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS));
        first.close();

        third.get(20, TimeUnit.SECONDS).close();
        assertEquals(List.of(), rejections);
    }

    @Test
    void aMemberThatDiesGivesItsSlotsBack() throws Exception {
        onFirstMember.acquire("alice", "f");
        onFirstMember.acquire("alice", "g");
        assertRefused(() -> onSecondMember.acquire("alice", "h"));
        longQueueWaitOnBothMembers();

        firstMember.getLifecycleService().terminate();

        CompletableFuture.supplyAsync(() -> onSecondMember.acquire("alice", "h"))
                .get(20, TimeUnit.SECONDS);
        onSecondMember.acquire("alice", "i");
    }

    @Test
    void closingAPermitTwiceGivesBackOneSlot() {
        Permit permit = onFirstMember.acquire("alice", "f");
        onSecondMember.acquire("alice", "g");
        permit.close();
        permit.close();

        onSecondMember.acquire("alice", "h");
        assertRefused(() -> onFirstMember.acquire("alice", "i"));
    }

    @Test
    void settingsAnAdminChangesOnOneMemberAreTakenByTheOther() throws InterruptedException {
        SchedulerSettings changed =
                new SchedulerSettings(Duration.ofMinutes(2), 3, 4, Duration.ofSeconds(1), List.of("10.0.0.0/8"));

        onFirstMember.applyOnEveryMember(changed);

        assertEquals(changed, onFirstMember.current());
        SchedulerSettings seen = onSecondMember.current();
        for (int poll = 0; poll < 100 && !seen.equals(changed); poll++) {
            Thread.sleep(100);
            seen = onSecondMember.current();
        }
        assertEquals(changed, seen);
    }

    private void longQueueWaitOnBothMembers() {
        SchedulerSettings patient =
                new SchedulerSettings(Duration.ofMinutes(1), 10, 2, Duration.ofSeconds(30), List.of());
        onFirstMember.apply(patient);
        onSecondMember.apply(patient);
    }

    private DataGridConcurrencyLimits limitsOn(HazelcastInstance member) {
        return new DataGridConcurrencyLimits(member, TWO_PER_USER, new SchedulerMetrics() {
            @Override
            public void invoked(StartKind kind, long nanos) {}

            @Override
            public void rejected(Rejection why) {
                rejections.add(why);
            }
        });
    }

    private static void assertRefused(Executable acquire) {
        HearthException refused = assertThrows(HearthException.class, acquire);
        assertEquals(ProblemType.TOO_MANY_REQUESTS, refused.type());
    }
}
