package dev.hearth.domain.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void anHourSlotIsDueOnceItsHourHasBegun() {
        Instant morning = Instant.parse("2026-12-04T09:59:59Z");
        long slot = Period.HOUR.slotOf(morning);
        assertFalse(Period.HOUR.isDue(slot, morning), "ran for this hour already");
        assertFalse(Period.HOUR.isDue(slot, Instant.parse("2026-12-04T09:00:00Z")), "same hour, earlier");
        assertTrue(Period.HOUR.isDue(slot, Instant.parse("2026-12-04T10:00:00Z")), "the next hour");
        assertTrue(Period.HOUR.isDue(slot - 5, morning), "missed hours make it due once");
    }

    @Test
    void aDaySlotChangesAtMidnightUtc() {
        long friday = Period.DAY.slotOf(Instant.parse("2026-12-04T23:59:59Z"));
        assertEquals(friday, Period.DAY.slotOf(Instant.parse("2026-12-04T00:00:00Z")));
        assertEquals(friday + 1, Period.DAY.slotOf(Instant.parse("2026-12-05T00:00:00Z")));
        assertEquals(Instant.parse("2026-12-04T00:00:00Z"), Period.DAY.startOf(friday));
        assertTrue(Period.DAY.isDue(friday, Instant.parse("2026-12-05T00:30:00Z")));
        assertFalse(Period.DAY.isDue(friday, Instant.parse("2026-12-04T18:00:00Z")));
    }

    @Test
    void instantsBeforeTheEpochFallIntoTheirOwnPeriod() {
        assertEquals(-1, Period.HOUR.slotOf(Instant.parse("1969-12-31T23:30:00Z")));
        assertEquals(Instant.parse("1969-12-31T23:00:00Z"), Period.HOUR.startOf(-1));
    }
}
