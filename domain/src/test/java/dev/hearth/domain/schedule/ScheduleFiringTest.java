package dev.hearth.domain.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleFiringTest {

    private static final CronSchedule EVERY_FIVE_MINUTES =
            ((ScheduleVerdict.Accepted) ScheduleRules.parse("*/5 * * * *", null)).schedule();
    private static final Instant SET_AT = Instant.parse("2026-12-04T10:02:00Z");

    @Test
    void aFiringOnTimeClaimsItsSlot() {
        FiringDecision decision = ScheduleFiring.decide(
                EVERY_FIVE_MINUTES, SET_AT, Optional.empty(), Instant.parse("2026-12-04T10:05:00.040Z"));

        assertEquals(new FiringDecision.Claim(Instant.parse("2026-12-04T10:05:00Z")), decision);
    }

    @Test
    void aFiringALittleEarlyStillClaimsTheSlotItWasFor() {
        FiringDecision decision = ScheduleFiring.decide(
                EVERY_FIVE_MINUTES, SET_AT, Optional.empty(), Instant.parse("2026-12-04T10:04:59.500Z"));

        assertEquals(new FiringDecision.Claim(Instant.parse("2026-12-04T10:05:00Z")), decision);
    }

    @Test
    void catchUpFiringsAfterADowntimeClaimTheLatestSlotOnlyOnce() {
        Optional<Instant> lastRun = Optional.of(Instant.parse("2026-12-04T10:05:00Z"));
        // Down from 10:06 to 10:31: the timer store fires the missed 10:10 … 10:30 at once on restart.
        Instant restart = Instant.parse("2026-12-04T10:31:12Z");

        FiringDecision first = ScheduleFiring.decide(EVERY_FIVE_MINUTES, SET_AT, lastRun, restart);
        Instant claimed = assertInstanceOf(FiringDecision.Claim.class, first).slot();
        FiringDecision second =
                ScheduleFiring.decide(EVERY_FIVE_MINUTES, SET_AT, Optional.of(claimed), restart.plusMillis(5));

        assertEquals(Instant.parse("2026-12-04T10:30:00Z"), claimed, "the latest slot due, not the first missed");
        assertEquals(new FiringDecision.AlreadyRun(claimed), second);
    }

    @Test
    void aSecondMemberFiringTheSameSlotFindsItClaimed() {
        Instant slot = Instant.parse("2026-12-04T10:10:00Z");

        FiringDecision decision =
                ScheduleFiring.decide(EVERY_FIVE_MINUTES, SET_AT, Optional.of(slot), slot.plusMillis(300));

        assertEquals(new FiringDecision.AlreadyRun(slot), decision);
    }

    @Test
    void noSlotBeforeTheScheduleWasSetRuns() {
        // Changed at 10:02; a stale timer of the old expression fires at 10:03.
        FiringDecision decision = ScheduleFiring.decide(
                EVERY_FIVE_MINUTES, SET_AT, Optional.empty(), Instant.parse("2026-12-04T10:03:00Z"));

        assertEquals(new FiringDecision.NothingDue(), decision);
    }
}
