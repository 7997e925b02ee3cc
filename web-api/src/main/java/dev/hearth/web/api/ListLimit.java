package dev.hearth.web.api;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;

/**
 * How many records (activations, dead letters) a listing returns. Parsed here rather than by JAX-RS, which answers a
 * malformed query parameter with 404.
 */
final class ListLimit {

    static final int DEFAULT = 50;
    static final int MAX = 500;

    private ListLimit() {}

    static int parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, together with the out-of-range case
        }
        throw new HearthException(ProblemType.INVALID_REQUEST, "limit must be a whole number from 1 to " + MAX + ".");
    }
}
