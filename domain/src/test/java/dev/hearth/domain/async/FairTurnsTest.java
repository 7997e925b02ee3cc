package dev.hearth.domain.async;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.domain.async.FairTurns.Waiting;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FairTurnsTest {

    @Test
    void aCallerWhoQueuedLateStillGetsTheNextFreeWorkerWhileAFlooderRunsItsOwn() {
        List<Waiting> waiting = List.of(new Waiting("flooder", 1440, 1_000), new Waiting("victim", 1, 9_000));

        assertEquals(List.of("victim"), FairTurns.next(waiting, Map.of("flooder", 4L), 1));
    }

    @Test
    void freeWorkersGoRoundTheCallersFewestRunningFirstThenTheLongestWaiting() {
        List<Waiting> waiting =
                List.of(new Waiting("a", 10, 3_000), new Waiting("b", 10, 1_000), new Waiting("c", 1, 2_000));

        assertEquals(List.of("b", "c", "b", "a", "b", "a"), FairTurns.next(waiting, Map.of("a", 1L), 6));
    }

    @Test
    void aLoneCallerTakesEveryFreeWorkerUpToWhatItHasDue() {
        assertEquals(List.of("solo", "solo", "solo"), FairTurns.next(List.of(new Waiting("solo", 3, 0)), Map.of(), 4));
        assertEquals(List.of(), FairTurns.next(List.of(), Map.of("solo", 2L), 4));
    }
}
