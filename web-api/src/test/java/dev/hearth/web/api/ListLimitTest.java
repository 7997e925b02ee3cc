package dev.hearth.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hearth.scheduler.application.HearthException;
import org.junit.jupiter.api.Test;

class ListLimitTest {

    @Test
    void defaultsToFifty() {
        assertEquals(50, ListLimit.parse(null));
        assertEquals(50, ListLimit.parse(""));
    }

    @Test
    void acceptsOneToFiveHundred() {
        assertEquals(1, ListLimit.parse("1"));
        assertEquals(500, ListLimit.parse("500"));
    }

    @Test
    void refusesAnythingElseWithA400() {
        for (String limit : new String[] {"0", "501", "-3", "ten", "1.5"}) {
            HearthException refused = assertThrows(HearthException.class, () -> ListLimit.parse(limit));
            assertEquals(400, refused.type().status(), limit);
        }
    }
}
