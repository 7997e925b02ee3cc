package dev.hearth.domain.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-04");

    @Test
    void recordsOfDaysBeforeTheRetentionAreArchived() {
        assertEquals(LocalDate.parse("2026-11-04"), Retention.DEFAULT.firstKeptDay(TODAY), "30 days are kept");
        assertEquals(Instant.parse("2026-11-04T00:00:00Z"), Retention.DEFAULT.archivedBefore(TODAY));
    }

    @Test
    void zeroDaysArchivesEveryDayBeforeToday() {
        assertEquals(Instant.parse("2026-12-04T00:00:00Z"), new Retention(0).archivedBefore(TODAY));
    }

    @Test
    void aRetentionOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Retention(-1));
        assertThrows(IllegalArgumentException.class, () -> new Retention(Retention.MAX_DAYS + 1));
        assertEquals(Retention.MAX_DAYS, new Retention(Retention.MAX_DAYS).days());
    }
}
