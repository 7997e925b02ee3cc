package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.ActivationEntity;
import dev.hearth.scheduler.application.ActivationRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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

    @Override
    public List<ActivationEntity> newestOf(String functionId, int limit) {
        writeBehind.flush();
        return em.createNamedQuery(ActivationEntity.BY_FUNCTION_NEWEST_FIRST, ActivationEntity.class)
                .setParameter("functionId", functionId)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public void removeOfFunction(String functionId) {
        writeBehind.flush();
        em.createNamedQuery(ActivationEntity.REMOVE_OF_FUNCTION)
                .setParameter("functionId", functionId)
                .executeUpdate();
    }
}
