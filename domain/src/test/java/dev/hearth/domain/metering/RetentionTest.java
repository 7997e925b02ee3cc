package dev.hearth.domain.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-04");

    @Test
    void daysBeforeTheRetentionAreDueOldestFirst() {
        List<LocalDate> withRecords = List.of(
                LocalDate.parse("2026-11-04"),
                LocalDate.parse("2026-10-01"),
                LocalDate.parse("2026-11-03"),
                TODAY,
                LocalDate.parse("2026-11-03"));
        assertEquals(
                List.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-03")),
                Retention.DEFAULT.dueDays(withRecords, TODAY),
                "30 days: 2026-11-04 is kept");
    }

    @Test
    void zeroDaysArchivesEveryDayBeforeToday() {
        assertEquals(List.of(TODAY.minusDays(1)), new Retention(0).dueDays(List.of(TODAY, TODAY.minusDays(1)), TODAY));
    }

    @Test
    void aRetentionOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Retention(-1));
        assertThrows(IllegalArgumentException.class, () -> new Retention(Retention.MAX_DAYS + 1));
    }
}
