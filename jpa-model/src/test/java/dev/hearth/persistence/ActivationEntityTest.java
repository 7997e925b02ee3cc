package dev.hearth.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ActivationEntityTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 5, 10, 0, 0, 0, ZoneOffset.UTC);

    private static ActivationEntity ran(String result) {
        ActivationEntity activation = ActivationEntity.queued("a-1", "f-1", "hello", "dev", "dev", AT);
        activation.ran("i-1", "h-1", "warm", "success", AT, 1, 2, 3, "log", result, 128);
        return activation;
    }

    @Test
    void aResultUpToTheLimitIsKeptWhole() {
        String whole = "1".repeat(ActivationEntity.MAX_RESULT_CHARS);

        ActivationEntity activation = ran(whole);

        assertEquals(whole, activation.result());
        assertFalse(activation.resultTruncated());
    }

    @Test
    void aLongerResultKeepsItsBeginningAndSaysSo() {
        String result = "[" + "0,".repeat(3_000_000) + "0]";

        ActivationEntity activation = ran(result);

        assertEquals(result.substring(0, ActivationEntity.MAX_RESULT_CHARS), activation.result());
        assertTrue(activation.resultTruncated());
        activation.ran("i-1", "h-1", "warm", "success", AT, 1, 2, 3, "log", "{}", 128);
        assertFalse(activation.resultTruncated(), "a later attempt's result replaces it");
    }

    @Test
    void noHalfOfACharacterOutsideTheBasicPlaneIsKept() {
        String result = "\"" + "a".repeat(ActivationEntity.MAX_RESULT_CHARS - 2) + "😀\"";

        String kept = ran(result).result();

        assertEquals(ActivationEntity.MAX_RESULT_CHARS - 1, kept.length());
        assertFalse(Character.isHighSurrogate(kept.charAt(kept.length() - 1)));
    }
}
