package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.domain.async.AsyncSettings;
import dev.hearth.domain.async.FairTurns;
import dev.hearth.domain.async.NextStep;
import dev.hearth.persistence.ActivationEntity;
import dev.hearth.persistence.AsyncEventEntity;
import dev.hearth.persistence.AsyncIdempotencyKeyEntity;
import dev.hearth.persistence.AsyncSettingsEntity;
import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.AsyncEventStore;
import dev.hearth.scheduler.application.DeadLetterView;
import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.InvocationOutcome;
import dev.hearth.scheduler.application.ListedText;
import dev.hearth.scheduler.application.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The async queue in persistence unit {@code hearth}. A claim is one conditional UPDATE whose row
 * count decides which member runs an event: portable across H2 and PostgreSQL, and safe however
 * many members share the database (docs/adr/0031). The entities are not in the shared cache:
 * other members change their rows.
 */
@Stateless
public class JpaAsyncEventStore implements AsyncEventStore {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public Optional<String> repeated(String keyDigest, Instant since) {
        return Optional.ofNullable(em.find(AsyncIdempotencyKeyEntity.class, keyDigest))
                .filter(key -> key.acceptedAt() >= since.toEpochMilli())
                .map(AsyncIdempotencyKeyEntity::activationId);
    }

    @Override
    public void accept(AsyncEventEntity event, ActivationEntity activation, Optional<String> keyDigest) {
        keyDigest.ifPresent(digest -> {
            // An expired key of the same digest is replaced; a live one was answered before.
            Optional.ofNullable(em.find(AsyncIdempotencyKeyEntity.class, digest))
                    .ifPresent(em::remove);
            em.flush();
            em.persist(new AsyncIdempotencyKeyEntity(digest, event.functionId(), activation.id(), event.acceptedAt()));
            try {
                em.flush();
            } catch (PersistenceException e) {
                throw new HearthException(
                        ProblemType.TOO_MANY_REQUESTS,
                        "a request with the same Idempotency-Key is being accepted; repeat this one to get its"
                                + " activation");
            }
        });
        em.persist(activation);
        em.persist(event);
    }

    @Override
    public List<FairTurns.Waiting> waiting(Instant now) {
        return em
                .createNamedQuery(AsyncEventEntity.WAITING_BY_CALLER, Object[].class)
                .setParameter("now", now.toEpochMilli())
                .getResultList()
                .stream()
                .map(row -> new FairTurns.Waiting(
                        (String) row[0], ((Number) row[1]).longValue(), ((Number) row[2]).longValue()))
                .toList();
    }

    @Override
    public Map<String, Long> runningByCaller(Instant now) {
        return em
                .createNamedQuery(AsyncEventEntity.RUNNING_BY_CALLER, Object[].class)
                .setParameter("now", now.toEpochMilli())
                .getResultList()
                .stream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> ((Number) row[1]).longValue()));
    }

    @Override
    public List<String> dueOf(String caller, Instant now, int limit) {
        return em.createNamedQuery(AsyncEventEntity.DUE_OF_CALLER, String.class)
                .setParameter("caller", caller)
                .setParameter("now", now.toEpochMilli())
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public long eventsOf(String caller) {
        return em.createNamedQuery(AsyncEventEntity.EVENTS_OF_CALLER, Long.class)
                .setParameter("caller", caller)
                .getSingleResult();
    }

    @Override
    public Optional<AsyncEventEntity> claim(String eventId, String member, Instant now, Instant leaseUntil) {
        int claimed = em.createNamedQuery(AsyncEventEntity.CLAIM)
                .setParameter("id", eventId)
                .setParameter("member", member)
                .setParameter("now", now.toEpochMilli())
                .setParameter("leaseUntil", leaseUntil.toEpochMilli())
                .executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        AsyncEventEntity event = em.find(AsyncEventEntity.class, eventId);
        Optional.ofNullable(em.find(ActivationEntity.class, event.activationId()))
                .ifPresent(activation -> activation.status(AsyncEventEntity.RUNNING));
        return Optional.of(event);
    }

    @Override
    public void settle(
            String eventId,
            String member,
            InvocationOutcome run,
            NextStep step,
            String error,
            boolean functionFailed,
            Instant now) {
        AsyncEventEntity event = em.find(AsyncEventEntity.class, eventId);
        if (event == null || !AsyncEventEntity.RUNNING.equals(event.state()) || !member.equals(event.claimedBy())) {
            return;
        }
        ActivationEntity activation = em.find(ActivationEntity.class, event.activationId());
        if (activation != null && run != null) {
            ActivationView ran = run.activation();
            activation.ran(
                    ran.instanceId(),
                    ran.hostId(),
                    ran.startKind(),
                    ran.status(),
                    ran.startedAt(),
                    ran.initMillis(),
                    ran.runMillis(),
                    ran.durationMillis(),
                    ran.logTail(),
                    run.payload(),
                    ran.memoryMb());
        }
        if (step instanceof NextStep.Done) {
            em.remove(event);
        } else if (step instanceof NextStep.RetryAt retry) {
            event.retryAt(retry.due().toEpochMilli(), functionFailed, error);
            if (activation != null) {
                activation.status(AsyncEventEntity.QUEUED);
            }
        } else {
            String reason = ((NextStep.DeadLetter) step).reason();
            event.dead(now.toEpochMilli(), functionFailed, reason.equals(error) ? reason : reason + "; last: " + error);
            if (activation != null && run == null) {
                activation.status("failed");
            }
        }
    }

    /** Read column by column, so that only the beginning of each event leaves the database ({@link ListedText}). */
    @Override
    public List<DeadLetterView> deadOf(String functionId, int limit, int eventChars) {
        return em.createQuery(
                        "SELECT e.id, e.functionName, e.caller, SUBSTRING(e.event, 1, "
                                + ListedText.fetched(eventChars)
                                + "), e.acceptedAt, e.deadAt, e.attempts, e.failedAttempts, e.lastError,"
                                + " e.activationIds FROM AsyncEventEntity e WHERE e.functionId = :functionId"
                                + " AND e.state = :dead ORDER BY e.deadAt DESC, e.id",
                        Object[].class)
                .setParameter("functionId", functionId)
                .setParameter("dead", AsyncEventEntity.DEAD)
                .setMaxResults(limit)
                .getResultStream()
                .map(row -> {
                    ListedText event = ListedText.of((String) row[3], eventChars);
                    return new DeadLetterView(
                            (String) row[0],
                            (String) row[1],
                            (String) row[2],
                            event.text(),
                            Instant.ofEpochMilli((Long) row[4]),
                            row[5] == null ? null : Instant.ofEpochMilli((Long) row[5]),
                            (Integer) row[6],
                            (Integer) row[7],
                            (String) row[8],
                            AsyncEventEntity.activationIds((String) row[9]),
                            event.cut());
                })
                .toList();
    }

    @Override
    public Optional<AsyncEventEntity> dead(String functionId, String eventId) {
        return Optional.ofNullable(em.find(AsyncEventEntity.class, eventId))
                .filter(e -> e.functionId().equals(functionId) && AsyncEventEntity.DEAD.equals(e.state()));
    }

    @Override
    public void redrive(String eventId, ActivationEntity activation, Instant now) {
        em.persist(activation);
        em.find(AsyncEventEntity.class, eventId).redrive(activation.id(), now.toEpochMilli());
    }

    @Override
    public void remove(String eventId) {
        Optional.ofNullable(em.find(AsyncEventEntity.class, eventId)).ifPresent(em::remove);
    }

    @Override
    public AsyncSettings settings(String functionId) {
        return Optional.ofNullable(em.find(AsyncSettingsEntity.class, functionId))
                .map(s -> new AsyncSettings(s.maxRetries(), Duration.ofSeconds(s.maxEventAgeSeconds())))
                .orElse(AsyncSettings.DEFAULT);
    }

    @Override
    public void changeSettings(String functionId, AsyncSettings settings) {
        em.merge(new AsyncSettingsEntity(
                functionId, settings.maxRetries(), settings.maxEventAge().toSeconds()));
    }

    @Override
    public void forgetKeysBefore(Instant before) {
        em.createNamedQuery(AsyncIdempotencyKeyEntity.REMOVE_BEFORE)
                .setParameter("before", before.toEpochMilli())
                .executeUpdate();
    }

    @Override
    public void removeOfFunction(String functionId) {
        em.createNamedQuery(AsyncEventEntity.REMOVE_OF_FUNCTION)
                .setParameter("functionId", functionId)
                .executeUpdate();
        em.createNamedQuery(AsyncIdempotencyKeyEntity.REMOVE_OF_FUNCTION)
                .setParameter("functionId", functionId)
                .executeUpdate();
        Optional.ofNullable(em.find(AsyncSettingsEntity.class, functionId)).ifPresent(em::remove);
    }
}
