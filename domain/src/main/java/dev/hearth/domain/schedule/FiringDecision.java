package dev.hearth.domain.schedule;

import java.time.Instant;

/** What a schedule's timer firing does, decided by {@link ScheduleFiring#decide}. */
public sealed interface FiringDecision {

    /** Claim this slot (the latest run time due); the run happens if the claim wins. */
    record Claim(Instant slot) implements FiringDecision {}

    /** The latest slot due has been claimed already (by another member, or by an earlier firing). */
    record AlreadyRun(Instant slot) implements FiringDecision {}

    /** No run time has come since the schedule was set (a timer that fired early, or a stale one). */
    record NothingDue() implements FiringDecision {}
}
