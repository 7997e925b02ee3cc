package dev.hearth.hypervisor.host.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.hypervisor.host.code.CodeRetention.Stored;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which code packages the store lets go: idle ones, then the least recently used over its size. */
class CodeRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final CodeRetention RETENTION = new CodeRetention(Duration.ofHours(1), 100, Duration.ofMinutes(1));

    @Test
    void aPackageUnusedLongerThanTheAgeBoundGoesUnlessAnInstanceHoldsIt() {
        List<Stored> stored = List.of(
                new Stored("idle", 10, NOW.minus(Duration.ofHours(2)), false),
                new Stored("held", 10, NOW.minus(Duration.ofHours(2)), true),
                new Stored("recent", 10, NOW.minus(Duration.ofMinutes(30)), false));

        assertEquals(List.of("idle"), RETENTION.toRemove(stored, NOW));
    }

    @Test
    void overTheSizeBoundTheLeastRecentlyUsedGoFirstUntilItFits() {
        List<Stored> stored = List.of(
                new Stored("newer", 40, NOW.minus(Duration.ofMinutes(10)), false),
                new Stored("oldest", 40, NOW.minus(Duration.ofMinutes(50)), false),
                new Stored("older", 40, NOW.minus(Duration.ofMinutes(30)), false),
                new Stored("held", 40, NOW.minus(Duration.ofMinutes(55)), true));

        assertEquals(List.of("oldest", "older"), RETENTION.toRemove(stored, NOW), "160 bytes down to 80");
    }

    @Test
    void aPackageJustUploadedStaysForItsInvocationEvenOverTheSizeBound() {
        List<Stored> stored = List.of(
                new Stored("uploaded", 200, NOW.minus(Duration.ofSeconds(5)), false),
                new Stored("held", 200, NOW.minus(Duration.ofMinutes(5)), true));

        assertEquals(List.of(), RETENTION.toRemove(stored, NOW));
    }
}
