package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.metering.OccupancySample;
import dev.hearth.scheduler.pool.InMemoryPool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolOccupancySamplingTest {

    private final List<OccupancySample> stored = new ArrayList<>();
    private final List<Instant> prunedBefore = new ArrayList<>();

    /** The claims' table as the database keeps it: one winner per task and slot, whichever member asks. */
    private final Map<String, Long> lastSlots = new HashMap<>();

    private PoolOccupancySampling member() {
        PoolOccupancySampling sampling = new PoolOccupancySampling();
        sampling.pool = InMemoryPool.over(new HashMap<>());
        sampling.samples = new OccupancyRepository() {
            @Override
            public void add(OccupancySample sample) {
                stored.add(sample);
            }

            @Override
            public List<OccupancySample> between(Instant from, Instant to) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int removeBefore(Instant instant) {
                prunedBefore.add(instant);
                return 0;
            }
        };
        sampling.claims = (task, slot) -> {
            if (lastSlots.getOrDefault(task, Long.MIN_VALUE) >= slot) {
                return false;
            }
            lastSlots.put(task, slot);
            return true;
        };
        return sampling;
    }

    @Test
    void everyMemberSamplesItsOwnInstancesAndOneOfThemPrunesPerMinute() {
        PoolOccupancySampling first = member();
        PoolOccupancySampling second = member();
        Instant before = Instant.now();

        first.sample();
        second.sample();
        first.sample();

        assertEquals(3, stored.size(), "a sample per member and look");
        assertEquals(
                new OccupancySample(stored.get(0).sampledAt(), InMemoryPool.SERVER, 0, 0, 0, 0),
                stored.get(0),
                "an empty pool: zeros, so the minute's average counts this look");
        assertTrue(prunedBefore.size() <= 2, "at most once a minute, if the looks span two: " + prunedBefore);
        assertFalse(prunedBefore.isEmpty(), "the first look of a minute prunes");
        Instant cutoff = prunedBefore.get(0);
        assertTrue(
                !cutoff.isBefore(before.minus(PoolOccupancySampling.KEPT))
                        && !cutoff.isAfter(Instant.now().minus(PoolOccupancySampling.KEPT)),
                "what is older than the hour and a few minutes: " + cutoff);
        assertTrue(PoolOccupancySampling.KEPT.compareTo(Duration.ofHours(1)) > 0, "the whole hour stays");
    }
}
