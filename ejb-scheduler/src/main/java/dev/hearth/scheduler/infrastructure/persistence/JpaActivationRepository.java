package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.ActivationEntity;
import dev.hearth.scheduler.application.ActivationRepository;
import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.ListedText;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Activation records in persistence unit {@code hearth}, written behind the invocations' answers
 * ({@link JpaActivationRecords}); every read here flushes that first, so it sees every record
 * this member was given.
 */
@Stateless
public class JpaActivationRepository implements ActivationRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Inject
    JpaActivationRecords writeBehind;

    @Override
    public Optional<ActivationEntity> find(String id) {
        writeBehind.flush();
        return Optional.ofNullable(em.find(ActivationEntity.class, id));
    }

    /**
     * Read column by column rather than as entities, so that only the beginning of each result
     * leaves the database ({@link ListedText}; PostgreSQL cuts it there, the embedded H2 in Payara's
     * process): a list of 500 whole stored results would be 128 Mi characters.
     */
    @Override
    public List<ActivationView> newestOf(String functionId, int limit, int resultChars) {
        writeBehind.flush();
        return em.createQuery(
                        "SELECT a.id, a.functionName, a.owner, a.caller, a.instanceId, a.hostId, a.startKind,"
                                + " a.status, a.startedAt, a.initMillis, a.runMillis, a.durationMillis, a.logTail,"
                                + " SUBSTRING(a.result, 1, " + ListedText.fetched(resultChars) + "), a.resultTruncated,"
                                + " a.memoryMb FROM ActivationEntity a WHERE a.functionId = :functionId"
                                + " ORDER BY a.startedAt DESC, a.id DESC",
                        Object[].class)
                .setParameter("functionId", functionId)
                .setMaxResults(limit)
                .getResultStream()
                .map(row -> {
                    ListedText result = ListedText.of((String) row[13], resultChars);
                    return new ActivationView(
                            (String) row[0],
                            (String) row[1],
                            (String) row[2],
                            (String) row[3],
                            (String) row[4],
                            (String) row[5],
                            (String) row[6],
                            (String) row[7],
                            (OffsetDateTime) row[8],
                            (Long) row[9],
                            (Long) row[10],
                            (Long) row[11],
                            (String) row[12],
                            result.text(),
                            result.cut() || Boolean.TRUE.equals(row[14]),
                            (Integer) row[15]);
                })
                .toList();
    }

    @Override
    public void removeOfFunction(String functionId) {
        writeBehind.flush();
        em.createNamedQuery(ActivationEntity.REMOVE_OF_FUNCTION)
                .setParameter("functionId", functionId)
                .executeUpdate();
    }
}
