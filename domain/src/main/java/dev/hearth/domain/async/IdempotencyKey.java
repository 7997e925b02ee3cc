package dev.hearth.domain.async;

import java.time.Duration;
import java.util.Optional;

/** The {@code Idempotency-Key} a caller may give an async invocation, and how long it is kept. */
public final class IdempotencyKey {

    public static final int MAX_CHARS = 128;
    public static final Duration KEPT = Duration.ofHours(24);

    private IdempotencyKey() {}

    /** Why the key is not acceptable (1 to 128 printable ASCII characters, no space), if it is not. */
    public static Optional<String> problem(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_CHARS) {
            return Optional.of("an Idempotency-Key has 1 to " + MAX_CHARS + " characters");
        }
        if (!key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return Optional.of("an Idempotency-Key has printable ASCII characters only, no space");
        }
        return Optional.empty();
    }
}
