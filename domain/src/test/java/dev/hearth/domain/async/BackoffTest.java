package dev.hearth.domain.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    @Test
    void doublesAfterEachAttemptUpToTheCap() {
        assertEquals(Duration.ofSeconds(10), backoff.after(1));
        assertEquals(Duration.ofSeconds(20), backoff.after(2));
        assertEquals(Duration.ofSeconds(40), backoff.after(3));
        assertEquals(Duration.ofSeconds(160), backoff.after(5));
        assertEquals(Duration.ofMinutes(5), backoff.after(6));
        assertEquals(Duration.ofMinutes(5), backoff.after(1000), "no overflow after many attempts");
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> backoff.after(0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
