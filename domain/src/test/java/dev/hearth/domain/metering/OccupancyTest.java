package dev.hearth.domain.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hearth.domain.metering.Occupancy.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OccupancyTest {

    private static final Instant TEN = Instant.parse("2026-12-04T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static OccupancySample sample(String at, String member, int booting, int warming, int idle, int busy) {
        return new OccupancySample(Instant.parse(at), member, booting, warming, idle, busy);
    }

    @Test
    void averagesEachMembersSamplesInASliceAndAddsTheMembersUp() {
        Occupancy occupancy = Occupancy.of(
                List.of(
                        sample("2026-12-04T09:58:00Z", "a", 1, 2, 0, 4),
                        sample("2026-12-04T09:58:30Z", "a", 0, 2, 2, 0),
                        sample("2026-12-04T09:58:10Z", "b", 0, 1, 0, 1),
                        sample("2026-12-04T09:59:59.999Z", "b", 0, 0, 3, 0)),
                TEN,
                MINUTE,
                2);

        Instant from = Instant.parse("2026-12-04T09:58:00Z");
        assertEquals(from, occupancy.from());
        assertEquals(
                List.of(new Level(from, 0.5, 3, 1, 3), new Level(from.plus(MINUTE), 0, 0, 3, 0)),
                occupancy.slices(),
                "a's two samples averaged (0.5 booting, 2 warming, 1 idle, 2 busy) plus b's one");
        assertEquals(7.5, occupancy.slices().get(0).total());
    }

    @Test
    void aSliceWithoutSamplesIsEmptyAndSamplesOutsideTheWindowAreLeftOut() {
        Occupancy occupancy = Occupancy.of(
                List.of(
                        sample("2026-12-04T09:57:59Z", "a", 9, 9, 9, 9),
                        sample("2026-12-04T10:00:00Z", "a", 9, 9, 9, 9),
                        sample("2026-12-04T09:59:00Z", "a", 0, 1, 0, 0)),
                TEN,
                MINUTE,
                2);

        assertEquals(
                List.of(
                        new Level(TEN.minus(MINUTE.multipliedBy(2)), 0, 0, 0, 0),
                        new Level(TEN.minus(MINUTE), 0, 1, 0, 0)),
                occupancy.slices());
    }

    @Test
    void refusesAWindowWithoutSlices() {
        assertThrows(IllegalArgumentException.class, () -> Occupancy.of(List.of(), TEN, MINUTE, 0));
        assertThrows(IllegalArgumentException.class, () -> Occupancy.of(List.of(), TEN, Duration.ZERO, 60));
    }
}
