package dev.hearth.domain.async;

import java.time.Instant;

/** What follows an attempt, from the event's state alone. */
public final class RetryDecision {

    private RetryDecision() {}

    /**
     * @param outcome how the attempt just made ended
     * @param failedAttempts the attempts in which the function ran and failed, this one included
     * @param attempts every attempt made, this one included (the backoff grows with it)
     * @param acceptedAt when the event was accepted (its age counts from then)
     */
    public static NextStep after(
            AttemptOutcome outcome,
            int failedAttempts,
            int attempts,
            Instant acceptedAt,
            Instant now,
            AsyncSettings settings,
            Backoff backoff) {
        if (outcome instanceof AttemptOutcome.Succeeded) {
            return new NextStep.Done();
        }
        if (outcome instanceof AttemptOutcome.Permanent permanent) {
            return new NextStep.DeadLetter(permanent.reason());
        }
        if (outcome instanceof AttemptOutcome.FunctionFailed failed && failedAttempts > settings.maxRetries()) {
            return new NextStep.DeadLetter("the function failed (" + failed.status() + ") in " + failedAttempts
                    + (failedAttempts == 1 ? " attempt" : " attempts") + "; " + settings.maxRetries()
                    + " retries allowed");
        }
        Instant due = now.plus(backoff.after(attempts));
        Instant expires = acceptedAt.plus(settings.maxEventAge());
        if (due.isAfter(expires)) {
            return new NextStep.DeadLetter("the event would be older than "
                    + settings.maxEventAge().toSeconds() + " s at its next attempt; last: " + reason(outcome));
        }
        return new NextStep.RetryAt(due);
    }

    private static String reason(AttemptOutcome outcome) {
        return outcome instanceof AttemptOutcome.Transient t
                ? t.reason()
                : "the function failed (" + ((AttemptOutcome.FunctionFailed) outcome).status() + ")";
    }
}
