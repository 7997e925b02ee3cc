package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.function.Portion;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.function.SecurityPolicy;
import dev.hearth.domain.function.TrustLevel;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.security.Caller;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Setting, reading and deleting schedules through the service, over in-memory schedules. */
class DefaultScheduleServiceTest {

    private static final Caller ALICE = new Caller("alice", Set.of("developer"));
    private static final Caller BOB = new Caller("bob", Set.of("developer"));
    private static final Instant NOW = Instant.parse("2026-12-04T10:02:30Z");

    private final InMemorySchedules schedules = new InMemorySchedules();
    private final FunctionEntity function = new FunctionEntity("report", "alice", OffsetDateTime.now());
    private DefaultScheduleService service;
    private int changes;

    @BeforeEach
    void service() {
        function.useCode(
                new FunctionManifest(
                        Runtime.PYTHON3,
                        "main",
                        List.of(new Portion("main", "main", "app.handler", TrustLevel.UNTRUSTED)),
                        SecurityPolicy.DEFAULT),
                "sha",
                1,
                OffsetDateTime.now());
        service = new DefaultScheduleService();
        service.functions = InMemorySchedules.functions(List.of(function));
        service.schedules = schedules;
        service.changed = new CountingEvent();
        service.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Test
    void aNewScheduleIsCreatedWithItsNextRunAndSettingItAgainUnchangedChangesNothing() {
        ScheduleService.Stored created = service.put(ALICE, "report", "every-five", "*/5 * * * *", null, null);
        ScheduleService.Stored again = service.put(ALICE, "report", "every-five", "*/5 * * * *", "UTC", "{}");

        assertTrue(created.created());
        assertEquals(
                OffsetDateTime.parse("2026-12-04T10:05:00Z"), created.schedule().nextRunAt());
        assertEquals("UTC", created.schedule().timezone());
        assertEquals("{}", created.schedule().event());
        assertFalse(again.created());
        assertEquals(1, changes, "an unchanged schedule keeps its timers");
        assertEquals(1, schedules.rows.get(0).revision());
    }

    @Test
    void aChangedScheduleTakesItsNewExpressionAndZone() {
        service.put(ALICE, "report", "nightly", "0 2 * * *", "UTC", null);

        ScheduleService.Stored changed =
                service.put(ALICE, "report", "nightly", "0 2 * * *", "Europe/Berlin", "{\"a\":1}");

        assertEquals(
                OffsetDateTime.parse("2026-12-05T01:00:00Z"), changed.schedule().nextRunAt());
        assertEquals(2, schedules.rows.get(0).revision());
        assertEquals(2, changes);
        assertEquals(
                List.of("nightly"),
                service.list(ALICE, "report").stream().map(ScheduleView::name).toList());
    }

    @Test
    void anotherDeveloperFindsNoSuchFunction() {
        service.put(ALICE, "report", "every-five", "*/5 * * * *", null, null);

        for (Runnable attempt : List.<Runnable>of(
                () -> service.list(BOB, "report"),
                () -> service.get(BOB, "report", "every-five"),
                () -> service.delete(BOB, "report", "every-five"),
                () -> service.put(BOB, "report", "mine", "* * * * *", null, null))) {
            HearthException refused = assertThrows(HearthException.class, attempt::run);
            assertEquals(ProblemType.FUNCTION_NOT_FOUND, refused.type());
        }
        assertEquals(1, schedules.rows.size());
    }

    @Test
    void badInputIsRefusedWithTheProblemItIs() {
        assertEquals(
                ProblemType.INVALID_SCHEDULE, refusal("*/5 * * *", null, null).type());
        assertEquals(
                ProblemType.INVALID_SCHEDULE,
                refusal("*/5 * * * *", "Mars/Base", null).type());
        assertEquals(
                ProblemType.INVALID_EVENT,
                refusal("*/5 * * * *", null, "{not json").type());
        HearthException name = assertThrows(
                HearthException.class, () -> service.put(ALICE, "report", "Bad Name", "* * * * *", null, null));
        assertEquals(ProblemType.INVALID_SCHEDULE, name.type());
        assertTrue(schedules.rows.isEmpty());
    }

    @Test
    void aFunctionHasAtMostTenSchedules() {
        for (int i = 0; i < 10; i++) {
            service.put(ALICE, "report", "s" + i, "* * * * *", null, null);
        }

        HearthException refused =
                assertThrows(HearthException.class, () -> service.put(ALICE, "report", "s10", "* * * * *", null, null));

        assertEquals(ProblemType.INVALID_SCHEDULE, refused.type());
        assertTrue(refused.getMessage().contains("10 schedules"), refused.getMessage());
        service.put(ALICE, "report", "s3", "0 * * * *", null, null);
    }

    @Test
    void aDeletedScheduleIsGone() {
        service.put(ALICE, "report", "every-five", "*/5 * * * *", null, null);

        service.delete(ALICE, "report", "every-five");

        HearthException gone = assertThrows(HearthException.class, () -> service.get(ALICE, "report", "every-five"));
        assertEquals(ProblemType.SCHEDULE_NOT_FOUND, gone.type());
    }

    private HearthException refusal(String cron, String zone, String event) {
        return assertThrows(HearthException.class, () -> service.put(ALICE, "report", "s", cron, zone, event));
    }

    /** Counts the changes fired. */
    private final class CountingEvent implements Event<SchedulesChanged> {

        @Override
        public void fire(SchedulesChanged event) {
            changes++;
        }

        @Override
        public <U extends SchedulesChanged> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends SchedulesChanged> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<SchedulesChanged> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends SchedulesChanged> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends SchedulesChanged> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
