package dev.hearth.cli.auth;

import java.time.Duration;

/** One poll of the token endpoint during a device authorization (RFC 8628 3.5). */
public sealed interface DevicePoll {

    /** The user has not answered yet: poll again after the interval. */
    record Pending() implements DevicePoll {}

    /** Polled too often: poll again after a longer interval. */
    record SlowDown(Duration addToInterval) implements DevicePoll {}

    record Granted(Tokens tokens) implements DevicePoll {}

    /** Denied, expired, or refused for another reason: the sign-in is over. */
    record Refused(String error, String description) implements DevicePoll {}
}
