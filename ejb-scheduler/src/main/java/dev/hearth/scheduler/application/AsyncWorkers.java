package dev.hearth.scheduler.application;

import dev.hearth.domain.async.AttemptOutcome;
import dev.hearth.domain.async.Backoff;
import dev.hearth.domain.async.FairTurns;
import dev.hearth.domain.async.IdempotencyKey;
import dev.hearth.domain.async.NextStep;
import dev.hearth.domain.async.RetryDecision;
import dev.hearth.domain.rules.Limits;
import dev.hearth.persistence.AsyncEventEntity;
import dev.hearth.scheduler.pool.InstancePool;
import dev.hearth.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This member's async workers: at most {@code hearth.async.workers} events run at once, on the
 * server's managed executor. An interval timer of this member's own (not persistent: every member
 * polls) claims due events and events whose lease expired (a member died running them); an event
 * just accepted on this member is handed to a worker as soon as its transaction commits, and a
 * worker that ends one takes the next due event at once while there is one. Whose events run
 * first, {@link FairTurns} decides: the caller with the fewest running. Each run
 * is claimed in the store first, so that one member runs it even when several see it due. What
 * follows an attempt is the domain's {@link RetryDecision}; this bean applies it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AsyncWorkers {

    static final String TIMER_NAME = "hearth-async-workers";

    /**
     * Longer than a run can take (queue wait, a cold start, the longest timeout): an event whose
     * lease ran out was lost with its member and is claimed again.
     */
    static final Duration LEASE = Duration.ofMillis(Limits.MAX_TIMEOUT_MILLIS).plusMinutes(4);

    /** Hearth's own trouble that passes: retried within the event's age, not counted as a retry. */
    private static final Set<ProblemType> TRANSIENT = EnumSet.of(
            ProblemType.TOO_MANY_REQUESTS,
            ProblemType.CAPACITY_EXHAUSTED,
            ProblemType.HOST_UNAVAILABLE,
            ProblemType.FUNCTION_CHANGED,
            ProblemType.NOT_OFFERED,
            ProblemType.IDENTITY_PROVIDER_UNAVAILABLE);

    private static final Duration BACKOFF_CAP = Duration.ofMinutes(15);
    private static final int MAX_RESULT_IN_ERROR_CHARS = 500;
    private static final Duration FORGET_KEYS_EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(AsyncWorkers.class.getName());

    @Resource
    TimerService timers;

    @Resource
    ManagedExecutorService executor;

    @Inject
    AsyncEventStore store;

    @Inject
    InvocationService invocations;

    @Inject
    InstancePool pool;

    @Inject
    @ConfigProperty(name = "hearth.async.workers", defaultValue = "4")
    int workers;

    @Inject
    @ConfigProperty(name = "hearth.async.poll-millis", defaultValue = "1000")
    long pollMillis;

    /** The wait after a first failed attempt; it doubles with each further one. */
    @Inject
    @ConfigProperty(name = "hearth.async.retry-base-millis", defaultValue = "30000")
    long retryBaseMillis;

    private Semaphore free;
    private Instant keysForgotten = Instant.EPOCH;
    private Backoff backoff;

    @PostConstruct
    void start() {
        if (workers < 1 || pollMillis < 100 || retryBaseMillis < 1) {
            throw new IllegalStateException("hearth.async.workers must be at least 1, hearth.async.poll-millis at"
                    + " least 100 and hearth.async.retry-base-millis at least 1");
        }
        free = new Semaphore(workers);
        backoff = new Backoff(
                Duration.ofMillis(retryBaseMillis),
                Duration.ofMillis(Math.max(retryBaseMillis, BACKOFF_CAP.toMillis())));
        timers.createIntervalTimer(pollMillis, pollMillis, new TimerConfig(TIMER_NAME, false));
    }

    @Timeout
    void poll(Timer timer) {
        try {
            Instant now = Instant.now();
            if (now.isAfter(keysForgotten.plus(FORGET_KEYS_EVERY))) {
                store.forgetKeysBefore(now.minus(IdempotencyKey.KEPT));
                keysForgotten = now;
            }
            int idle = free.availablePermits();
            if (idle > 0) {
                nextEvents(now, idle).forEach(this::dispatch);
            }
        } catch (RuntimeException e) {
            // A failed round must not stop the timer; the next one sees what is due then.
            LOG.log(Level.WARNING, "async poll failed: " + e, e);
        }
    }

    /** An event accepted on this member: to a worker at once, if one is free (else the poll finds it). */
    public void accepted(@Observes(during = TransactionPhase.AFTER_SUCCESS) AsyncEventAccepted event) {
        dispatch(event.eventId());
    }

    private void dispatch(String eventId) {
        if (!free.tryAcquire()) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    // A worker done with one event takes the next due one at once, not at the next poll.
                    for (Optional<String> next = Optional.of(eventId);
                            next.isPresent();
                            next = nextEvents(Instant.now(), 1).stream().findFirst()) {
                        runQuietly(next.get());
                    }
                } catch (RuntimeException e) {
                    // Looking for the next event failed: the poll finds it.
                    LOG.log(Level.WARNING, "async worker stopped looking for events: " + e, e);
                } finally {
                    free.release();
                }
            });
        } catch (RejectedExecutionException e) {
            free.release();
        }
    }

    /** The events {@code free} workers run next: whose, {@link FairTurns} decides; each caller's longest due. */
    private List<String> nextEvents(Instant now, int free) {
        List<FairTurns.Waiting> waiting = store.waiting(now);
        if (waiting.isEmpty()) {
            return List.of();
        }
        // One caller waiting gets every turn whatever runs: its running count is not asked for.
        Map<String, Long> running = waiting.size() == 1 ? Map.of() : store.runningByCaller(now);
        Map<String, Long> turns = FairTurns.next(waiting, running, free).stream()
                .collect(Collectors.groupingBy(caller -> caller, LinkedHashMap::new, Collectors.counting()));
        return turns.entrySet().stream()
                .flatMap(turn -> store.dueOf(turn.getKey(), now, turn.getValue().intValue()).stream())
                .toList();
    }

    private void runQuietly(String eventId) {
        try {
            run(eventId);
        } catch (RuntimeException e) {
            // The event stays claimed; its lease expires and it is run again.
            LOG.log(Level.WARNING, "async event " + eventId + " failed: " + e, e);
        }
    }

    private void run(String eventId) {
        String member = pool.member();
        Instant claimedAt = Instant.now();
        Optional<AsyncEventEntity> claimed = store.claim(eventId, member, claimedAt, claimedAt.plus(LEASE));
        if (claimed.isEmpty()) {
            return;
        }
        AsyncEventEntity event = claimed.get();
        Caller recorded = new Caller(event.caller(), event.callerRoles());
        InvocationOutcome run = null;
        AttemptOutcome outcome;
        try {
            run = invocations.invokeDeferred(
                    recorded, event.functionName(), event.functionId(), event.event(), event.activationId());
            outcome = run.succeeded()
                    ? new AttemptOutcome.Succeeded()
                    : new AttemptOutcome.FunctionFailed(run.activation().status());
        } catch (HearthException e) {
            String reason = e.type().name().toLowerCase(Locale.ROOT).replace('_', '-') + ": " + e.getMessage();
            outcome = TRANSIENT.contains(e.type())
                    ? new AttemptOutcome.Transient(reason)
                    : new AttemptOutcome.Permanent(reason);
        } catch (RuntimeException e) {
            // Hearth's own fault: retried within the event's age rather than left to its lease.
            LOG.log(Level.WARNING, "async event " + eventId + " failed in Hearth: " + e, e);
            outcome = new AttemptOutcome.Transient(
                    "internal-error: " + e.getClass().getSimpleName());
        }
        boolean functionFailed = outcome instanceof AttemptOutcome.FunctionFailed;
        Instant now = Instant.now();
        NextStep step = RetryDecision.after(
                outcome,
                event.failedAttempts() + (functionFailed ? 1 : 0),
                event.attempts(),
                Instant.ofEpochMilli(event.acceptedAt()),
                now,
                store.settings(event.functionId()),
                backoff);
        store.settle(eventId, member, run, step, lastError(outcome, run), functionFailed, now);
    }

    /** What the dead-letter store shows as the last error: Hearth's reason, or the function's report. */
    private static String lastError(AttemptOutcome outcome, InvocationOutcome run) {
        if (outcome instanceof AttemptOutcome.Transient t) {
            return t.reason();
        }
        if (outcome instanceof AttemptOutcome.Permanent p) {
            return p.reason();
        }
        if (outcome instanceof AttemptOutcome.FunctionFailed failed) {
            String report = String.valueOf(run.payload());
            return "the function ended with " + failed.status() + ": "
                    + (report.length() > MAX_RESULT_IN_ERROR_CHARS
                            ? report.substring(0, MAX_RESULT_IN_ERROR_CHARS) + "…"
                            : report);
        }
        return null;
    }
}
