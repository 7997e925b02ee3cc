package dev.hearth.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceLifecycleTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);

    @Test
    void aPoolInstanceIsClaimedUsedAndKeptWarmForItsOwner() {
        InstanceLifecycle warming = InstanceLifecycle.Booting.forPool().joinPool();
        InstanceLifecycle busy = warming.claim("alice", T0);
        InstanceLifecycle idle = busy.finish(T1);

        assertEquals(new InstanceLifecycle.Assigned("alice", T1), idle);
        assertEquals(Optional.of("alice"), idle.owner());
        assertEquals(new InstanceLifecycle.Busy("alice", T1), idle.begin(T1));
    }

    @Test
    void aColdBootServesItsOwnerAtOnce() {
        assertEquals(
                new InstanceLifecycle.Busy("bob", T0),
                InstanceLifecycle.Booting.forOwner("bob").bootedFor("bob", T0));
    }

    @Test
    void refusesIllegalTransitions() {
        InstanceLifecycle idle = new InstanceLifecycle.Assigned("alice", T0);
        InstanceLifecycle busy = new InstanceLifecycle.Busy("alice", T0);

        assertThrows(IllegalStateException.class, () -> idle.claim("bob", T1));
        assertThrows(IllegalStateException.class, idle::joinPool);
        assertThrows(IllegalStateException.class, () -> busy.begin(T1));
        assertThrows(IllegalStateException.class, () -> new InstanceLifecycle.Warming().finish(T1));
        assertThrows(IllegalStateException.class, () -> InstanceLifecycle.Booting.forPool()
                .begin(T1));
        assertThrows(IllegalStateException.class, () -> busy.destroy().destroy());
        assertThrows(IllegalStateException.class, () -> InstanceLifecycle.Booting.forOwner("bob")
                .joinPool());
        assertThrows(IllegalStateException.class, () -> InstanceLifecycle.Booting.forOwner("bob")
                .bootedFor("alice", T0));
        assertThrows(IllegalStateException.class, () -> InstanceLifecycle.Booting.forPool()
                .bootedFor("alice", T0));
    }

    @Test
    void anyLiveStateCanBeDestroyed() {
        assertEquals(new InstanceLifecycle.Destroyed(), new InstanceLifecycle.Busy("a", T0).destroy());
        assertEquals(new InstanceLifecycle.Destroyed(), new InstanceLifecycle.Warming().destroy());
        assertEquals(Optional.empty(), new InstanceLifecycle.Destroyed().owner());
    }
}
