package dev.hearth.domain.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryDecisionTest {

    private static final Instant ACCEPTED = Instant.parse("2026-12-04T12:00:00Z");
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5));
    private static final AsyncSettings TWO_RETRIES = new AsyncSettings(2, Duration.ofHours(1));
    private static final AttemptOutcome ERROR = new AttemptOutcome.FunctionFailed("error");

    private static NextStep after(AttemptOutcome outcome, int failed, int attempts, Instant now) {
        return RetryDecision.after(outcome, failed, attempts, ACCEPTED, now, TWO_RETRIES, BACKOFF);
    }

    @Test
    void successEndsTheEvent() {
        assertInstanceOf(NextStep.Done.class, after(new AttemptOutcome.Succeeded(), 1, 2, ACCEPTED));
    }

    @Test
    void aFailedFunctionIsRetriedWithGrowingWaitsThenDeadLettered() {
        Instant now = ACCEPTED.plusSeconds(1);
        assertEquals(new NextStep.RetryAt(now.plusSeconds(10)), after(ERROR, 1, 1, now));
        assertEquals(new NextStep.RetryAt(now.plusSeconds(20)), after(ERROR, 2, 2, now));
        NextStep third = after(new AttemptOutcome.FunctionFailed("timed_out"), 3, 3, now);
        NextStep.DeadLetter dead = assertInstanceOf(NextStep.DeadLetter.class, third);
        assertTrue(dead.reason().contains("timed_out") && dead.reason().contains("3 attempts"), dead.reason());
    }

    @Test
    void noRetriesMeansOneAttempt() {
        AsyncSettings none = new AsyncSettings(0, Duration.ofHours(1));
        assertInstanceOf(
                NextStep.DeadLetter.class, RetryDecision.after(ERROR, 1, 1, ACCEPTED, ACCEPTED, none, BACKOFF));
    }

    @Test
    void hearthsOwnTroubleDoesNotUseUpRetriesButTheEventAges() {
        AttemptOutcome busy = new AttemptOutcome.Transient("capacity-exhausted");
        Instant now = ACCEPTED.plusSeconds(60);
        assertEquals(new NextStep.RetryAt(now.plusSeconds(300)), after(busy, 0, 9, now));
        Instant late = ACCEPTED.plus(Duration.ofMinutes(58));
        NextStep.DeadLetter dead = assertInstanceOf(NextStep.DeadLetter.class, after(busy, 0, 9, late));
        assertTrue(dead.reason().contains("3600 s") && dead.reason().contains("capacity-exhausted"), dead.reason());
    }

    @Test
    void aRetryAfterTheMaximumAgeIsNotMade() {
        Instant late = ACCEPTED.plus(Duration.ofHours(1)).minusSeconds(5);
        assertInstanceOf(NextStep.DeadLetter.class, after(ERROR, 1, 1, late));
    }

    @Test
    void whatCanNeverRunIsDeadLetteredAtOnce() {
        NextStep step = after(new AttemptOutcome.Permanent("access revoked"), 0, 1, ACCEPTED);
        assertEquals(new NextStep.DeadLetter("access revoked"), step);
    }

    @Test
    void settingsAreBounded() {
        assertEquals(2, AsyncSettings.problems(-1, 30).size());
        assertEquals(1, AsyncSettings.problems(6, 3600).size());
        assertEquals(1, AsyncSettings.problems(5, 6 * 3600 + 1).size());
        assertTrue(AsyncSettings.problems(0, 60).isEmpty());
        assertTrue(AsyncSettings.problems(5, 6 * 3600).isEmpty());
    }
}
