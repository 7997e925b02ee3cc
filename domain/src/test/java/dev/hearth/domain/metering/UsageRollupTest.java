package dev.hearth.domain.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageRollupTest {

    private static MeteredInvocation run(String at, String user, String function, String status, long ms, int mb) {
        return new MeteredInvocation(Instant.parse(at), user, function, status, ms, mb);
    }

    @Test
    void sumsPerHourUserAndFunction() {
        List<HourlyUsage> usage = UsageRollup.sum(List.of(
                run("2026-12-04T09:10:00Z", "dev", "hello", "success", 1000, 256),
                run("2026-12-04T09:59:59.999Z", "dev", "hello", "error", 3000, 512),
                run("2026-12-04T10:00:00Z", "dev", "hello", "success", 500, 128),
                run("2026-12-04T09:30:00Z", "dev2", "hello", "timeout", 2000, 1024),
                run("2026-12-04T09:30:00Z", "dev", "other", "success", 10, 128)));
        Instant nine = Instant.parse("2026-12-04T09:00:00Z");
        assertEquals(
                List.of(
                        new HourlyUsage(nine, "dev", "hello", 2, 1, 1000L * 256 + 3000L * 512),
                        new HourlyUsage(nine, "dev", "other", 1, 0, 1280),
                        new HourlyUsage(nine, "dev2", "hello", 1, 1, 2000L * 1024),
                        new HourlyUsage(Instant.parse("2026-12-04T10:00:00Z"), "dev", "hello", 1, 0, 500L * 128)),
                usage);
        assertEquals(2.0, usage.get(2).gbSeconds(), 1e-12, "2 s at 1 GiB");
        assertEquals(1.75, usage.get(0).gbSeconds(), 1e-12, "1 s at 0.25 GiB and 3 s at 0.5 GiB");
    }

    @Test
    void noRecordsNoUsage() {
        assertEquals(List.of(), UsageRollup.sum(List.of()));
    }

    @Test
    void aRunRecomputesTheLastCompleteHoursButNotArchivedDays() {
        Instant now = Instant.parse("2026-12-04T02:05:00Z");
        List<Instant> due = UsageRollup.hoursDue(now, Set.of());
        assertEquals(UsageRollup.RECOMPUTED_HOURS, due.size());
        assertEquals(Instant.parse("2026-12-03T23:00:00Z"), due.get(0));
        assertEquals(
                Instant.parse("2026-12-04T01:00:00Z"), due.get(due.size() - 1), "the current hour is not complete");

        List<Instant> withoutArchived = UsageRollup.hoursDue(now, Set.of(LocalDate.parse("2026-12-03")));
        assertEquals(
                List.of(Instant.parse("2026-12-04T00:00:00Z"), Instant.parse("2026-12-04T01:00:00Z")), withoutArchived);
    }
}
