package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.function.Portion;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.function.SecurityPolicy;
import dev.hearth.domain.function.TrustLevel;
import dev.hearth.domain.schedule.ScheduleTimer;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.persistence.FunctionScheduleEntity;
import dev.hearth.security.Caller;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A schedule's timer firing against in-memory schedules and a fake async service. */
class ScheduleRunsTest {

    private static final OffsetDateTime SET_AT = OffsetDateTime.parse("2026-12-04T10:02:00Z");

    /** One queued invocation as the async service received it. */
    record Enqueued(Caller caller, String function, String event, String key) {}

    private final InMemorySchedules schedules = new InMemorySchedules();
    private final List<Enqueued> enqueued = new ArrayList<>();
    private final FunctionEntity function = new FunctionEntity("report", "alice", SET_AT);
    private FunctionScheduleEntity schedule;
    private ScheduleRuns runs;
    private RuntimeException refuseWith;

    @BeforeEach
    void runs() {
        function.useCode(
                new FunctionManifest(
                        Runtime.PYTHON3,
                        "main",
                        List.of(new Portion("main", "main", "app.handler", TrustLevel.UNTRUSTED)),
                        SecurityPolicy.DEFAULT),
                "sha",
                1,
                SET_AT);
        schedule = new FunctionScheduleEntity(
                UUID.randomUUID().toString(), function.functionId(), "report", "alice", "every-five");
        schedule.set("*/5 * * * *", "UTC", "{\"n\":1}", "alice", SET_AT);
        schedules.add(schedule);
        runs = new ScheduleRuns();
        runs.schedules = schedules;
        runs.functions = InMemorySchedules.functions(List.of(function));
        runs.async = (caller, functionName, event, key) -> {
            if (refuseWith != null) {
                throw refuseWith;
            }
            enqueued.add(new Enqueued(caller, functionName, event, key));
            return new AsyncInvocationService.QueuedInvocation("act-" + enqueued.size(), false);
        };
    }

    @Test
    void aFiringQueuesItsSlotAsTheOwnerWithTheDeveloperRoleAndNoToken() {
        ScheduleRun run = runs.fire(timer("hearth-1"), Instant.parse("2026-12-04T10:05:00.030Z"));

        assertEquals(new ScheduleRun.Queued(Instant.parse("2026-12-04T10:05:00Z"), "act-1"), run);
        Enqueued only = enqueued.get(0);
        assertEquals("alice", only.caller().username());
        assertEquals(Set.of("developer"), only.caller().roles());
        assertEquals(Optional.empty(), only.caller().token());
        assertEquals("report", only.function());
        assertEquals("{\"n\":1}", only.event());
        assertEquals(
                "schedule:" + schedule.id() + ":"
                        + Instant.parse("2026-12-04T10:05:00Z").getEpochSecond(),
                only.key());
    }

    @Test
    void twoMembersFiringOneSlotRunItOnce() {
        Instant at = Instant.parse("2026-12-04T10:10:00.100Z");

        ScheduleRun first = runs.fire(timer("hearth-1"), at);
        ScheduleRun second = runs.fire(timer("hearth-2"), at.plusMillis(40));

        assertInstanceOf(ScheduleRun.Queued.class, first);
        assertEquals(new ScheduleRun.AlreadyRun(Instant.parse("2026-12-04T10:10:00Z")), second);
        assertEquals(1, enqueued.size());
    }

    @Test
    void missedSlotsRunOnceAfterADowntime() {
        runs.fire(timer("server"), Instant.parse("2026-12-04T10:05:00Z"));
        Instant restart = Instant.parse("2026-12-04T10:31:07Z");

        // The timer store delivers the missed expirations at once; each names the latest slot.
        List<ScheduleRun> catchUp = List.of(
                runs.fire(timer("server"), restart),
                runs.fire(timer("server"), restart.plusMillis(3)),
                runs.fire(timer("server"), restart.plusMillis(9)));

        assertEquals(new ScheduleRun.Queued(Instant.parse("2026-12-04T10:30:00Z"), "act-2"), catchUp.get(0));
        assertTrue(
                catchUp.subList(1, 3).stream().allMatch(r -> r instanceof ScheduleRun.AlreadyRun), catchUp.toString());
        assertEquals(2, enqueued.size());
    }

    @Test
    void aTimerOfAnEarlierRevisionOrADeletedScheduleIsStaleAndRunsNothing() {
        ScheduleTimer old = timer("hearth-1");
        schedule.set("0 * * * *", "UTC", "{}", "alice", SET_AT.plusMinutes(1));

        assertEquals(new ScheduleRun.Stale(), runs.fire(old, Instant.parse("2026-12-04T11:00:00Z")));
        schedules.removeOfFunction(function.functionId());
        assertEquals(new ScheduleRun.Stale(), runs.fire(timer("hearth-1"), Instant.parse("2026-12-04T11:00:00Z")));
        assertEquals(List.of(), enqueued);
    }

    @Test
    void aRunTheAsyncServiceRefusesIsReportedAndItsSlotStaysClaimed() {
        refuseWith = new HearthException(ProblemType.FUNCTION_NOT_FOUND, "no function 'report'");
        Instant at = Instant.parse("2026-12-04T10:15:00Z");

        ScheduleRun refused = runs.fire(timer("hearth-1"), at);
        refuseWith = null;
        ScheduleRun again = runs.fire(timer("hearth-1"), at.plusSeconds(5));

        assertEquals(new ScheduleRun.Refused(at, "no function 'report'"), refused);
        assertEquals(new ScheduleRun.AlreadyRun(at), again, "at most once: a refused slot is not retried");
    }

    @Test
    void aFiringBeforeTheFirstRunTimeRunsNothing() {
        assertEquals(
                new ScheduleRun.NothingDue(),
                runs.fire(timer("hearth-1"), SET_AT.toInstant().plusSeconds(30)));
    }

    private ScheduleTimer timer(String member) {
        return new ScheduleTimer(schedule.id(), schedule.revision(), member);
    }
}
