package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.domain.metering.MeteredInvocation;
import dev.hearth.domain.metering.TimedInvocation;
import dev.hearth.persistence.ActivationEntity;
import dev.hearth.persistence.AsyncEventEntity;
import dev.hearth.scheduler.application.ActivationHistory;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.CacheStoreMode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Activation records by time in persistence unit {@code hearth} (index on the start). */
@Stateless
public class JpaActivationHistory implements ActivationHistory {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    /** Flushed before each read: the records this member was given are all in the table then. */
    @Inject
    JpaActivationRecords writeBehind;

    @Override
    public Optional<Instant> oldestStartedBefore(Instant instant) {
        writeBehind.flush();
        OffsetDateTime oldest = em.createQuery(
                        "SELECT MIN(a.startedAt) FROM ActivationEntity a WHERE a.startedAt < :before",
                        OffsetDateTime.class)
                .setParameter("before", instant.atOffset(ZoneOffset.UTC))
                .getSingleResult();
        return Optional.ofNullable(oldest).map(OffsetDateTime::toInstant);
    }

    @Override
    public int fitting(Instant from, Instant to, long maxChars, int maxRecords) {
        writeBehind.flush();
        List<Object[]> sizes = em.createQuery(
                        "SELECT LENGTH(a.result), LENGTH(a.logTail) FROM ActivationEntity a"
                                + " WHERE a.startedAt >= :from AND a.startedAt < :to ORDER BY a.startedAt, a.id",
                        Object[].class)
                .setParameter("from", from.atOffset(ZoneOffset.UTC))
                .setParameter("to", to.atOffset(ZoneOffset.UTC))
                .setMaxResults(maxRecords)
                .getResultList();
        long chars = 0;
        int fitting = 0;
        for (Object[] size : sizes) {
            long record = charsOf(size[0]) + charsOf(size[1]);
            if (fitting > 0 && chars + record > maxChars) {
                break;
            }
            chars += record;
            fitting++;
        }
        return fitting;
    }

    private static long charsOf(Object length) {
        return length == null ? 0 : ((Number) length).longValue();
    }

    @Override
    public List<ActivationEntity> startedBetween(Instant from, Instant to, int limit) {
        writeBehind.flush();
        return em.createQuery(
                        "SELECT a FROM ActivationEntity a WHERE a.startedAt >= :from AND a.startedAt < :to"
                                + " ORDER BY a.startedAt, a.id",
                        ActivationEntity.class)
                .setParameter("from", from.atOffset(ZoneOffset.UTC))
                .setParameter("to", to.atOffset(ZoneOffset.UTC))
                // The rows as stored, not as this member's cache last saw them: archives and usage are
                // made of them, and another member or an operator may have changed them.
                .setHint("jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS)
                .setHint("jakarta.persistence.cache.storeMode", CacheStoreMode.REFRESH)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public List<MeteredInvocation> meteredBetween(Instant from, Instant to) {
        writeBehind.flush();
        return em.createQuery(
                        "SELECT a.startedAt, a.caller, a.functionName, a.status, a.durationMillis, a.memoryMb"
                                + " FROM ActivationEntity a WHERE a.startedAt >= :from AND a.startedAt < :to"
                                + " ORDER BY a.startedAt, a.id",
                        Object[].class)
                .setParameter("from", from.atOffset(ZoneOffset.UTC))
                .setParameter("to", to.atOffset(ZoneOffset.UTC))
                .getResultStream()
                .map(row -> new MeteredInvocation(
                        ((OffsetDateTime) row[0]).toInstant(),
                        (String) row[1],
                        (String) row[2],
                        (String) row[3],
                        (Long) row[4],
                        row[5] == null ? 0 : (Integer) row[5]))
                .toList();
    }

    @Override
    public List<TimedInvocation> timedBetween(Instant from, Instant to, Optional<String> owner) {
        writeBehind.flush();
        TypedQuery<Object[]> query = em.createQuery(
                        "SELECT a.startedAt, a.status, a.startKind, a.durationMillis FROM ActivationEntity a"
                                + " WHERE a.startedAt >= :from AND a.startedAt < :to AND a.status NOT IN :pending"
                                + (owner.isPresent() ? " AND a.owner = :owner" : ""),
                        Object[].class)
                .setParameter("from", from.atOffset(ZoneOffset.UTC))
                .setParameter("to", to.atOffset(ZoneOffset.UTC))
                .setParameter("pending", List.of(AsyncEventEntity.QUEUED, AsyncEventEntity.RUNNING));
        owner.ifPresent(name -> query.setParameter("owner", name));
        return query.getResultStream()
                .map(row -> new TimedInvocation(
                        ((OffsetDateTime) row[0]).toInstant(), (String) row[1], (String) row[2], (Long) row[3]))
                .toList();
    }

    @Override
    public Map<String, Map<String, Long>> startKindsByRuntime(Instant from, Instant to) {
        writeBehind.flush();
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        em.createQuery(
                        "SELECT f.runtime, a.startKind, COUNT(a) FROM ActivationEntity a, FunctionEntity f"
                                + " WHERE a.functionId = f.functionId AND a.startedAt >= :from AND a.startedAt < :to"
                                + " AND a.status NOT IN :pending GROUP BY f.runtime, a.startKind",
                        Object[].class)
                .setParameter("from", from.atOffset(ZoneOffset.UTC))
                .setParameter("to", to.atOffset(ZoneOffset.UTC))
                .setParameter("pending", List.of(AsyncEventEntity.QUEUED, AsyncEventEntity.RUNNING))
                .getResultStream()
                .forEach(row -> counts.computeIfAbsent((String) row[0], runtime -> new TreeMap<>())
                        .put((String) row[1], (Long) row[2]));
        return counts;
    }

    @Override
    public void removeAll(Collection<String> ids) {
        writeBehind.flush();
        IdBatches.execute(em.createQuery("DELETE FROM ActivationEntity a WHERE a.id IN :ids"), "ids", ids);
    }
}
