package dev.hearth.domain.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleRulesTest {

    private static final Instant THURSDAY_NOON = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void everyMinuteRunsAtTheNextWholeMinute() {
        CronSchedule schedule = parsed("* * * * *", null);

        assertEquals(
                Instant.parse("2026-12-03T12:01:00Z"),
                schedule.nextAfter(THURSDAY_NOON).orElseThrow());
        assertEquals(
                Instant.parse("2026-12-03T12:01:00Z"),
                schedule.nextAfter(Instant.parse("2026-12-03T12:00:59.999Z")).orElseThrow());
        assertEquals("UTC", schedule.zone().getId(), "UTC unless the schedule names a zone");
    }

    @Test
    void stepsRangesAndListsCombine() {
        assertEquals(List.of("12:05", "12:10", "12:15"), runs("*/5 * * * *", null, THURSDAY_NOON, 3));
        assertEquals(List.of("12:10", "12:30", "13:10"), runs("10-30/20 12,13 * * *", null, THURSDAY_NOON, 3));
        assertEquals(
                List.of("12:45", "13:45", "14:45"), runs("45/30 * * * *", null, THURSDAY_NOON, 3), "45/30: 45 only");
    }

    @Test
    void namesStandForMonthsAndDaysInAnyCase() {
        // From Thursday 3 December 2026: the weekdays' 09:00, then the next January.
        assertEquals(
                List.of("2026-12-04T09:00:00Z", "2026-12-07T09:00:00Z", "2026-12-08T09:00:00Z"),
                instants("0 9 * * mon-FRI", THURSDAY_NOON, 3));
        assertEquals(List.of("2027-01-01T00:00:00Z"), instants("0 0 1 jan *", THURSDAY_NOON, 1));
        assertEquals(
                parsed("0 0 * * 0", null).calendarFields(),
                parsed("0 0 * * 7", null).calendarFields(),
                "0 and 7 are both Sunday");
        assertEquals(List.of("2026-12-06T00:00:00Z"), instants("0 0 * * SUN", THURSDAY_NOON, 1));
    }

    @Test
    void dayOfMonthOrDayOfWeekWhenBothAreRestricted() {
        // Cron's rule: the 1st of the month or any Monday.
        assertEquals(
                List.of(
                        "2026-12-07T00:00:00Z",
                        "2026-12-14T00:00:00Z",
                        "2026-12-21T00:00:00Z",
                        "2026-12-28T00:00:00Z",
                        "2027-01-01T00:00:00Z",
                        "2027-01-04T00:00:00Z"),
                instants("0 0 1 * MON", THURSDAY_NOON, 6));
        // Day-of-week *: only the 1st.
        assertEquals(List.of("2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z"), instants("0 0 1 * *", THURSDAY_NOON, 2));
        // Day-of-month *: only Mondays.
        assertEquals(List.of("2026-12-07T00:00:00Z", "2026-12-14T00:00:00Z"), instants("0 0 * * 1", THURSDAY_NOON, 2));
    }

    @Test
    void aLeapDayRunsOnlyInLeapYears() {
        assertEquals(List.of("2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"), instants("0 0 29 2 *", THURSDAY_NOON, 2));
    }

    @Test
    void theCalendarTimerGetsExplicitListsAndWildcards() {
        CronSchedule.CalendarFields fields =
                parsed("*/15 9-11 1,15 * mon-fri", "Europe/Berlin").calendarFields();

        assertEquals(
                new CronSchedule.CalendarFields("0,15,30,45", "9,10,11", "1,15", "*", "1,2,3,4,5", "Europe/Berlin"),
                fields);
        assertEquals("*", parsed("* * * * 0-7", null).calendarFields().dayOfWeek(), "0-7 is every day");
    }

    @Test
    void aTimeSkippedBySpringForwardRunsAtTheChangeOnce() {
        // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00 UTC).
        assertEquals(
                List.of("2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"),
                instants("30 2 * * *", "Europe/Berlin", Instant.parse("2026-03-28T00:00:00Z"), 3));
        // Every half hour across the gap: 01:30 CET, then the change (03:00 CEST) once, then 03:30 CEST.
        assertEquals(
                List.of("2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"),
                instants("*/30 * * * *", "Europe/Berlin", Instant.parse("2026-03-29T00:15:00Z"), 3));
    }

    @Test
    void aTimeRepeatedByFallBackRunsAtItsFirstOccurrence() {
        // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens at 00:30 and 01:30 UTC.
        assertEquals(
                List.of("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"),
                instants("30 2 * * *", "Europe/Berlin", Instant.parse("2026-10-24T12:00:00Z"), 2));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "* * * *|has 4",
                "* * * * * *|has 6",
                "60 * * * *|minute field '60'",
                "* 24 * * *|hour field '24'",
                "* * 0 * *|day-of-month field '0'",
                "* * * 13 *|month field '13'",
                "* * * * 8|day-of-week field '8'",
                "* * * FOO *|or JAN-DEC",
                "5-1 * * * *|ends before it starts",
                "*/0 * * * *|the step '0'",
                "*/ * * * *|the step ''",
                "1,,2 * * * *|minute field '1,,2'",
                "@hourly|has 1",
                "0 0 30 2 *|never runs",
                "0 0 31 4,6,9,11 *|never runs",
                "-1 * * * *|minute field"
            })
    void invalidExpressionsAreRefusedNamingTheField(String cron, String problem) {
        ScheduleVerdict verdict = ScheduleRules.parse(cron, null);

        ScheduleVerdict.Rejected rejected = assertInstanceOf(ScheduleVerdict.Rejected.class, verdict);
        assertTrue(rejected.problem().contains(problem), rejected.problem());
    }

    @Test
    void aZoneMustBeARegionName() {
        for (String zone : new String[] {"Mars/Olympus", "+02:00", "CEST"}) {
            ScheduleVerdict.Rejected rejected =
                    assertInstanceOf(ScheduleVerdict.Rejected.class, ScheduleRules.parse("* * * * *", zone));
            assertTrue(rejected.problem().contains("unknown time zone '" + zone + "'"), rejected.problem());
        }
        assertInstanceOf(ScheduleVerdict.Accepted.class, ScheduleRules.parse("* * * * *", "America/New_York"));
    }

    @Test
    void aThirtyFirstAloneRunsInTheMonthsThatHaveOne() {
        assertEquals(
                List.of("2026-12-31T00:00:00Z", "2027-01-31T00:00:00Z", "2027-03-31T00:00:00Z"),
                instants("0 0 31 * *", THURSDAY_NOON, 3));
    }

    @Test
    void scheduleNamesFollowTheNameRule() {
        assertEquals(List.of(), ScheduleRules.nameProblems("nightly-report"));
        assertEquals(1, ScheduleRules.nameProblems("Nightly").size());
        assertEquals(1, ScheduleRules.nameProblems("a/b").size());
    }

    private static CronSchedule parsed(String cron, String zone) {
        return assertInstanceOf(ScheduleVerdict.Accepted.class, ScheduleRules.parse(cron, zone))
                .schedule();
    }

    private static List<String> instants(String cron, Instant from, int count) {
        return instants(cron, null, from, count);
    }

    private static List<String> instants(String cron, String zone, Instant from, int count) {
        CronSchedule schedule = parsed(cron, zone);
        List<String> found = new ArrayList<>();
        Instant at = from;
        for (int i = 0; i < count; i++) {
            at = schedule.nextAfter(at).orElseThrow();
            found.add(at.toString());
        }
        return found;
    }

    /** The next run times as UTC hours and minutes. */
    private static List<String> runs(String cron, String zone, Instant from, int count) {
        return instants(cron, zone, from, count).stream()
                .map(s -> s.substring(11, 16))
                .toList();
    }
}
