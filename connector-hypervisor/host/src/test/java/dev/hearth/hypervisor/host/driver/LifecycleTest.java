package dev.hearth.hypervisor.host.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void aContainerGoesFromStartingToIdleAndBusyAndBack() {
        ContainerState.Idle idle = new ContainerState.Starting(1_000_000).initialised(43_000_000);
        ContainerState.Busy busy = idle.busy("r1");

        assertEquals(new ContainerState.Idle(42), idle);
        assertEquals(new ContainerState.Busy("r1", 42), busy);
        assertEquals(idle, busy.done());
    }

    @Test
    void aContainerTakesWorkOnlyWhenIdle() {
        assertThrows(IllegalStateException.class, () -> new ContainerState.Starting(0).busy("r1"));
        assertThrows(
                IllegalStateException.class,
                () -> new ContainerState.Idle(1).busy("r1").busy("r2"));
        assertThrows(IllegalStateException.class, () -> new ContainerState.Exited("timed_out").busy("r1"));
    }

    @Test
    void aStemCellIsStagedOnceAndTimesItsInitFromThen() {
        ContainerState.Starting starting = new ContainerState.Stem().staged(5_000_000);

        assertEquals(new ContainerState.Idle(3), starting.initialised(8_000_000));
        assertThrows(IllegalStateException.class, () -> starting.staged(9_000_000));
        assertThrows(IllegalStateException.class, () -> new ContainerState.Stem().busy("r1"));
        assertThrows(IllegalStateException.class, () -> new ContainerState.Stem().initialised(1));
    }

    @Test
    void theFirstReasonToExitIsKept() {
        assertEquals(
                new ContainerState.Exited("timed_out"),
                new ContainerState.Idle(1).busy("r").exited("timed_out").exited("stopped"));
    }

    @Test
    void anInstanceBootsOnceAndDiesOnce() {
        InstanceState.Ready ready = new InstanceState.Booting().booted(120);

        assertEquals("ready", ready.wireName());
        assertThrows(IllegalStateException.class, () -> ready.booted(5));
        assertEquals(
                new InstanceState.Dead("relay exited"),
                ready.died("relay exited").died("destroyed"));
        assertEquals("dead", ready.died("x").wireName());
    }
}
