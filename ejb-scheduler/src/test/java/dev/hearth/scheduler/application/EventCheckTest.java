package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.rules.Limits;
import org.junit.jupiter.api.Test;

class EventCheckTest {

    @Test
    void passesJsonOfAnyKindUnchanged() {
        assertEquals("{\"a\": [1, 2]}", DefaultInvocationService.checkedEvent("{\"a\": [1, 2]}"));
        assertEquals("42", DefaultInvocationService.checkedEvent("42"));
        assertEquals("\"text\"", DefaultInvocationService.checkedEvent("\"text\""));
    }

    @Test
    void anEmptyEventIsAnEmptyObject() {
        assertEquals("{}", DefaultInvocationService.checkedEvent(""));
        assertEquals("{}", DefaultInvocationService.checkedEvent(null));
    }

    @Test
    void refusesWhatIsNotJson() {
        HearthException e = refused("{\"a\": ");
        assertTrue(e.getMessage().startsWith("the event is not JSON"), e.getMessage());
        refused("hello");
        refused("{} {}");
    }

    @Test
    void refusesAnEventNestedDeeperThanTheParserGoes() {
        assertTrue(refused("[".repeat(5000) + "]".repeat(5000)).getMessage().startsWith("the event is not JSON"));
    }

    @Test
    void refusesEventsOverOneMebibyte() {
        String big = "\"" + "x".repeat(Limits.MAX_EVENT_BYTES) + "\"";

        assertEquals("the event is larger than 1 MiB", refused(big).getMessage());
    }

    private static HearthException refused(String event) {
        HearthException e = assertThrows(HearthException.class, () -> DefaultInvocationService.checkedEvent(event));
        assertEquals(ProblemType.INVALID_EVENT, e.type());
        return e;
    }
}
