package dev.hearth.domain.async;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void acceptsTheUsualKeys() {
        assertTrue(
                IdempotencyKey.problem("8e03978e-40d5-43e8-bc93-6894a57f9324").isEmpty());
        assertTrue(IdempotencyKey.problem("order:42/retry#1").isEmpty());
        assertTrue(IdempotencyKey.problem("k".repeat(IdempotencyKey.MAX_CHARS)).isEmpty());
    }

    @Test
    void refusesEmptyLongOrUnprintableKeys() {
        assertTrue(IdempotencyKey.problem("").isPresent());
        assertTrue(
                IdempotencyKey.problem("k".repeat(IdempotencyKey.MAX_CHARS + 1)).isPresent());
        assertTrue(IdempotencyKey.problem("two words").isPresent());
        assertTrue(IdempotencyKey.problem("clé").isPresent());
        assertTrue(IdempotencyKey.problem("line\nbreak").isPresent());
    }
}
