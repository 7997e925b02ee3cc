package dev.hearth.hypervisor.host.driver;

import static dev.hearth.hypervisor.host.driver.Outcome.Ending.EXITED;
import static dev.hearth.hypervisor.host.driver.Outcome.Ending.REPORTED_ERROR;
import static dev.hearth.hypervisor.host.driver.Outcome.Ending.TIMED_OUT;
import static dev.hearth.hypervisor.host.driver.Outcome.LimitHit.MEMORY;
import static dev.hearth.hypervisor.host.driver.Outcome.LimitHit.NONE;
import static dev.hearth.hypervisor.host.driver.Outcome.LimitHit.PROCESSES;
import static dev.hearth.hypervisor.host.driver.Outcome.Phase.INIT;
import static dev.hearth.hypervisor.host.driver.Outcome.Phase.INVOCATION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void anOomKillExplainsAnyFailure() {
        assertEquals(Outcome.MEMORY_LIMIT_EXCEEDED, Outcome.ofFailure(INVOCATION, TIMED_OUT, MEMORY));
        assertEquals(Outcome.MEMORY_LIMIT_EXCEEDED, Outcome.ofFailure(INIT, REPORTED_ERROR, MEMORY));
    }

    @Test
    void aRefusedForkExplainsAnErrorOrAnExitButNotATimeout() {
        assertEquals(Outcome.PROCESS_LIMIT_EXCEEDED, Outcome.ofFailure(INVOCATION, REPORTED_ERROR, PROCESSES));
        assertEquals(Outcome.PROCESS_LIMIT_EXCEEDED, Outcome.ofFailure(INVOCATION, EXITED, PROCESSES));
        assertEquals(Outcome.TIMED_OUT, Outcome.ofFailure(INVOCATION, TIMED_OUT, PROCESSES));
    }

    @Test
    void otherwiseTheEndingDecides() {
        assertEquals(Outcome.TIMED_OUT, Outcome.ofFailure(INIT, TIMED_OUT, NONE));
        assertEquals(Outcome.INIT_ERROR, Outcome.ofFailure(INIT, REPORTED_ERROR, NONE));
        assertEquals(Outcome.INIT_ERROR, Outcome.ofFailure(INIT, EXITED, NONE));
        assertEquals(Outcome.ERROR, Outcome.ofFailure(INVOCATION, REPORTED_ERROR, NONE));
        assertEquals(Outcome.CRASHED, Outcome.ofFailure(INVOCATION, EXITED, NONE));
        assertEquals("memory_limit_exceeded", Outcome.MEMORY_LIMIT_EXCEEDED.wireName());
    }

    @Test
    void theMemoryLimitOutweighsTheProcessLimit() {
        assertEquals(MEMORY, Outcome.LimitHit.of(1, 1));
        assertEquals(PROCESSES, Outcome.LimitHit.of(0, 2));
        assertEquals(NONE, Outcome.LimitHit.of(0, 0));
    }
}
