package dev.hearth.scheduler.application;

import dev.hearth.domain.async.AsyncSettings;
import dev.hearth.domain.async.IdempotencyKey;
import dev.hearth.persistence.ActivationEntity;
import dev.hearth.persistence.AsyncEventEntity;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.security.Caller;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Accepts async invocations into the durable queue ({@link AsyncEventStore}) and manages the
 * functions' retry settings and dead-letter stores. Accepting authorises the caller as a
 * synchronous invocation would and refuses a function that needs its caller's credential (ADR 30);
 * the caller's roles are kept for the check when it runs ({@link AsyncWorkers}). Once the
 * transaction commits, the event is handed to a worker at once ({@link AsyncEventAccepted}).
 */
@Stateless
@Local({AsyncInvocationService.class, AsyncQueueService.class})
public class DefaultAsyncInvocationService implements AsyncInvocationService, AsyncQueueService {

    @Inject
    FunctionRepository functions;

    @Inject
    GrantRepository grants;

    @Inject
    AsyncEventStore store;

    @Inject
    Event<AsyncEventAccepted> accepted;

    /**
     * Bounds what one caller keeps in the queue, the dead letters in its own functions' stores
     * included (their rows, and the workers' backlog), at most 1 MiB an event.
     */
    @Inject
    @ConfigProperty(name = "hearth.async.max-events-per-caller", defaultValue = "2500")
    long maxEventsPerCaller;

    @Override
    public QueuedInvocation enqueue(Caller caller, String functionName, String event, String idempotencyKey) {
        FunctionEntity function = functions
                .find(functionName)
                .filter(f -> Access.mayInvoke(caller, f, grants))
                .orElseThrow(() ->
                        new HearthException(ProblemType.FUNCTION_NOT_FOUND, "no function '" + functionName + "'"));
        String json = DefaultInvocationService.checkedEvent(event);
        InvocationCredentials.requireDeferrable(function, "an async invocation");
        Instant now = Instant.now();
        Optional<String> keyDigest = Optional.ofNullable(idempotencyKey).map(key -> {
            IdempotencyKey.problem(key).ifPresent(problem -> {
                throw new HearthException(ProblemType.INVALID_REQUEST, problem + ".");
            });
            return digest(caller.username(), function.functionId(), key);
        });
        if (keyDigest.isPresent()) {
            Optional<String> earlier = store.repeated(keyDigest.get(), now.minus(IdempotencyKey.KEPT));
            if (earlier.isPresent()) {
                return new QueuedInvocation(earlier.get(), true);
            }
        }
        requireRoomInQueue(caller.username()); // after the key: a repeat answers what it queued first
        String activationId = UUID.randomUUID().toString();
        AsyncEventEntity queued = new AsyncEventEntity(
                UUID.randomUUID().toString(),
                function.functionId(),
                function.name(),
                caller.username(),
                caller.roles(),
                json,
                activationId,
                now.toEpochMilli());
        store.accept(queued, queuedActivation(function, caller.username(), activationId, now), keyDigest);
        accepted.fire(new AsyncEventAccepted(queued.id()));
        return new QueuedInvocation(activationId, false);
    }

    @Override
    public AsyncSettingsView settings(Caller caller, String functionName) {
        return AsyncSettingsView.of(store.settings(managed(caller, functionName).functionId()));
    }

    @Override
    public AsyncSettingsView changeSettings(
            Caller caller, String functionName, long maxRetries, long maxEventAgeSeconds) {
        FunctionEntity function = managed(caller, functionName);
        List<String> problems = AsyncSettings.problems(maxRetries, maxEventAgeSeconds);
        if (!problems.isEmpty()) {
            throw new HearthException(
                    ProblemType.INVALID_SETTINGS, "Invalid async settings: " + String.join("; ", problems), problems);
        }
        AsyncSettings settings = new AsyncSettings((int) maxRetries, Duration.ofSeconds(maxEventAgeSeconds));
        store.changeSettings(function.functionId(), settings);
        return AsyncSettingsView.of(settings);
    }

    @Override
    public List<DeadLetterView> deadLetters(Caller caller, String functionName, int limit) {
        int bounded = Math.max(1, Math.min(limit, DefaultActivationService.MAX_LIST));
        return store.deadOf(managed(caller, functionName).functionId(), bounded, DeadLetterView.LISTED_EVENT_CHARS);
    }

    @Override
    public DeadLetterView deadLetter(Caller caller, String functionName, String id) {
        return view(dead(managed(caller, functionName), id));
    }

    @Override
    public QueuedInvocation redrive(Caller caller, String functionName, String id) {
        FunctionEntity function = managed(caller, functionName);
        AsyncEventEntity event = dead(function, id);
        InvocationCredentials.requireDeferrable(function, "an async invocation");
        String activationId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        store.redrive(event.id(), queuedActivation(function, event.caller(), activationId, now), now);
        accepted.fire(new AsyncEventAccepted(event.id()));
        return new QueuedInvocation(activationId, false);
    }

    @Override
    public void deleteDeadLetter(Caller caller, String functionName, String id) {
        store.remove(dead(managed(caller, functionName), id).id());
    }

    /**
     * Refuses an event of a caller with {@code hearth.async.max-events-per-caller} events queued or
     * running already, or dead in their own functions' dead-letter stores (dead letters in another
     * owner's store are that owner's to delete, so they do not lock the caller out). A redrive adds
     * no event and is not counted. Events accepted at the same moment may each pass the count: the
     * bound is passed by as many as are accepted at once.
     */
    private void requireRoomInQueue(String caller) {
        if (store.eventsOf(caller) >= maxEventsPerCaller) {
            throw new HearthException(
                    ProblemType.ASYNC_QUEUE_FULL,
                    caller + " has " + maxEventsPerCaller + " async invocations queued, running or dead in their"
                            + " functions' dead-letter stores; more are accepted as they end or dead letters are"
                            + " deleted");
        }
    }

    private static ActivationEntity queuedActivation(
            FunctionEntity function, String caller, String activationId, Instant now) {
        return ActivationEntity.queued(
                activationId,
                function.functionId(),
                function.name(),
                function.owner(),
                caller,
                now.atOffset(ZoneOffset.UTC));
    }

    /** The function, when the caller may manage it; as for functions, others learn nothing of it. */
    private FunctionEntity managed(Caller caller, String functionName) {
        return Access.managedFunction(caller, functionName, functions, "manage async invocations");
    }

    private AsyncEventEntity dead(FunctionEntity function, String id) {
        return store.dead(function.functionId(), id)
                .orElseThrow(() -> new HearthException(
                        ProblemType.DEAD_LETTER_NOT_FOUND,
                        "no dead letter '" + id + "' of function '" + function.name() + "'"));
    }

    private static DeadLetterView view(AsyncEventEntity e) {
        return new DeadLetterView(
                e.id(),
                e.functionName(),
                e.caller(),
                e.event(),
                Instant.ofEpochMilli(e.acceptedAt()),
                e.deadAt() == null ? null : Instant.ofEpochMilli(e.deadAt()),
                e.attempts(),
                e.failedAttempts(),
                e.lastError(),
                e.activationIds(),
                false);
    }

    /** The key's identity: caller, function identity and the caller's key, none of them stored as such. */
    private static String digest(String caller, String functionId, String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha256.digest((caller + '\n' + functionId + '\n' + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
