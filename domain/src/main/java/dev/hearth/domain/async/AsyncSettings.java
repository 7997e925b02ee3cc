package dev.hearth.domain.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a function's async invocations are retried: at most {@code maxRetries} attempts after the
 * first when the function fails or times out, none once the event is older than {@code
 * maxEventAge}.
 */
public record AsyncSettings(int maxRetries, Duration maxEventAge) {

    public static final int MAX_RETRIES = 5;
    public static final Duration MIN_EVENT_AGE = Duration.ofMinutes(1);
    public static final Duration MAX_EVENT_AGE = Duration.ofHours(6);
    public static final AsyncSettings DEFAULT = new AsyncSettings(2, MAX_EVENT_AGE);

    public AsyncSettings {
        List<String> problems = problems(maxRetries, maxEventAge.toSeconds());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** What is wrong with these values, one line each; empty when they are acceptable. */
    public static List<String> problems(long maxRetries, long maxEventAgeSeconds) {
        List<String> problems = new ArrayList<>();
        if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
            problems.add("maxRetries must be between 0 and " + MAX_RETRIES + ", not " + maxRetries);
        }
        if (maxEventAgeSeconds < MIN_EVENT_AGE.toSeconds() || maxEventAgeSeconds > MAX_EVENT_AGE.toSeconds()) {
            problems.add("maxEventAgeSeconds must be between " + MIN_EVENT_AGE.toSeconds() + " and "
                    + MAX_EVENT_AGE.toSeconds() + ", not " + maxEventAgeSeconds);
        }
        return problems;
    }
}
