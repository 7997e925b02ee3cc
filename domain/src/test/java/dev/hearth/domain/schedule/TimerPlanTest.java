package dev.hearth.domain.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimerPlanTest {

    private static final String A = "00000000-0000-0000-0000-00000000000a";
    private static final String B = "00000000-0000-0000-0000-00000000000b";
    private static final String GONE = "00000000-0000-0000-0000-0000000000ff";

    @Test
    void aMemberCreatesWhatItLacksAndCancelsItsStaleTimersOnly() {
        List<ScheduleTimer> existing = List.of(
                new ScheduleTimer(A, 1, "hearth-1"),
                new ScheduleTimer(A, 1, "hearth-1"),
                new ScheduleTimer(B, 1, "hearth-1"),
                new ScheduleTimer(GONE, 3, "hearth-1"),
                new ScheduleTimer(GONE, 3, "hearth-2"),
                new ScheduleTimer(B, 2, "hearth-2"));

        TimerPlan plan = TimerPlan.of("hearth-1", Map.of(A, 1, B, 2), existing);

        assertEquals(
                List.of(
                        new ScheduleTimer(A, 1, "hearth-1"),
                        new ScheduleTimer(B, 1, "hearth-1"),
                        new ScheduleTimer(GONE, 3, "hearth-1")),
                plan.cancel(),
                "a duplicate, an older revision, a deleted schedule; never another member's");
        assertEquals(List.of(new ScheduleTimer(B, 2, "hearth-1")), plan.create());
    }

    @Test
    void afterTheGridWasLostEveryScheduleGetsATimerAgain() {
        TimerPlan plan = TimerPlan.of("hearth-2", Map.of(A, 4), List.of());

        assertEquals(List.of(new ScheduleTimer(A, 4, "hearth-2")), plan.create());
        assertEquals(List.of(), plan.cancel());
    }

    @Test
    void theInfoReadsBackAndOtherTimersAreNotSchedules() {
        ScheduleTimer timer = new ScheduleTimer(A, 12, "server");

        assertEquals(Optional.of(timer), ScheduleTimer.of(timer.info()));
        assertEquals(Optional.empty(), ScheduleTimer.of("hearth-pool-maintenance"));
        assertEquals(Optional.empty(), ScheduleTimer.of(42));
    }
}
