package dev.hearth.domain.placement;

import static dev.hearth.domain.placement.PoolArbitraries.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolOccupancyTest {

    private static InstanceSnapshot instance(String id, InstanceLifecycle lifecycle) {
        return new InstanceSnapshot(id, "h0", Runtime.PYTHON3, Isolation.SANDBOX, null, null, lifecycle);
    }

    @Test
    void countsTheInstancesByWhatTheyAreDoing() {
        PoolSnapshot snapshot = new PoolSnapshot(
                List.of(),
                List.of(
                        instance("i1", InstanceLifecycle.Booting.forPool()),
                        instance("i2", InstanceLifecycle.Booting.forOwner("alice")),
                        instance("i3", new InstanceLifecycle.Warming()),
                        instance("i4", new InstanceLifecycle.Assigned("alice", T0)),
                        instance("i5", new InstanceLifecycle.Busy("bob", T0)),
                        instance("i6", new InstanceLifecycle.Busy("alice", T0)),
                        instance("i7", new InstanceLifecycle.Destroyed())));

        assertEquals(new PoolOccupancy(2, 1, 1, 2), PoolOccupancy.of(snapshot), "booting, warming, idle, busy");
        assertEquals(new PoolOccupancy(0, 0, 0, 0), PoolOccupancy.of(new PoolSnapshot(List.of(), List.of())));
    }
}
