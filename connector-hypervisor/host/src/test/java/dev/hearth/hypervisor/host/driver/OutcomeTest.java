package dev.hearth.hypervisor.host.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void anOomKillExplainsAnyFailure() {
        assertEquals(Outcome.MEMORY_LIMIT_EXCEEDED, Outcome.ofFailure(true, false, true, false, false));
        assertEquals(Outcome.MEMORY_LIMIT_EXCEEDED, Outcome.ofFailure(true, true, false, true, true));
    }

    @Test
    void aRefusedForkExplainsAnErrorOrAnExitButNotATimeout() {
        assertEquals(Outcome.PROCESS_LIMIT_EXCEEDED, Outcome.ofFailure(false, true, false, true, false));
        assertEquals(Outcome.PROCESS_LIMIT_EXCEEDED, Outcome.ofFailure(false, true, false, false, false));
        assertEquals(Outcome.TIMED_OUT, Outcome.ofFailure(false, true, true, false, false));
    }

    @Test
    void otherwiseTheEvidenceDecides() {
        assertEquals(Outcome.TIMED_OUT, Outcome.ofFailure(false, false, true, false, true));
        assertEquals(Outcome.INIT_ERROR, Outcome.ofFailure(false, false, false, true, true));
        assertEquals(Outcome.ERROR, Outcome.ofFailure(false, false, false, true, false));
        assertEquals(Outcome.CRASHED, Outcome.ofFailure(false, false, false, false, false));
        assertEquals("memory_limit_exceeded", Outcome.MEMORY_LIMIT_EXCEEDED.wireName());
    }
}
