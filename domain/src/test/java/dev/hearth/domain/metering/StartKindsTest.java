package dev.hearth.domain.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.domain.placement.StartKind;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StartKindsTest {

    @Test
    void thePoolsHitRateIsItsShareOfTheStartsThatNeededANewInstance() {
        StartKinds kinds = StartKinds.of(Map.of("cold", 1L, "warming-pool", 3L, "reloaded", 2L, "warm", 14L));

        assertEquals(new StartKinds(1, 3, 2, 14), kinds);
        assertEquals(20, kinds.invocations());
        assertEquals(OptionalDouble.of(0.75), kinds.poolHitRate(), "3 of the 4 that needed a new instance");
        assertEquals(OptionalDouble.of(0.7), kinds.warmShare(), "14 of 20 found one warm");
    }

    @Test
    void withoutStartsThatNeededANewInstanceThereIsNoHitRate() {
        StartKinds reused = StartKinds.of(Map.of("reloaded", 1L, "warm", 3L));
        assertEquals(OptionalDouble.empty(), reused.poolHitRate());
        assertEquals(OptionalDouble.of(0.75), reused.warmShare());

        StartKinds none = StartKinds.of(Map.of());
        assertEquals(OptionalDouble.empty(), none.poolHitRate());
        assertEquals(OptionalDouble.empty(), none.warmShare());
    }

    @Test
    void countsEveryStartKindThePlacementKnows() {
        StartKinds kinds = StartKinds.of(Arrays.stream(StartKind.values())
                .collect(Collectors.toMap(StartKind::id, kind -> 1L + kind.ordinal(), (a, b) -> a)));

        assertEquals(1 + 2 + 3 + 4, kinds.invocations(), "each kind once, none left out: " + kinds);
        assertEquals(
                Map.of(
                        StartKind.COLD, kinds.cold(),
                        StartKind.WARMING_POOL, kinds.warmingPool(),
                        StartKind.RELOADED, kinds.reloaded(),
                        StartKind.WARM, kinds.warm()),
                Arrays.stream(StartKind.values())
                        .collect(Collectors.toMap(Function.identity(), kind -> 1L + kind.ordinal())));
    }
}
