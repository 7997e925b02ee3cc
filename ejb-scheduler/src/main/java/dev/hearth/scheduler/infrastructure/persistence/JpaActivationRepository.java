package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.ActivationEntity;
import dev.hearth.scheduler.application.ActivationRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Activation records in persistence unit {@code hearth}. */
@Stateless
public class JpaActivationRepository implements ActivationRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public void add(ActivationEntity activation) {
        em.persist(activation);
    }

    @Override
    public Optional<ActivationEntity> find(String id) {
        return Optional.ofNullable(em.find(ActivationEntity.class, id));
    }

    @Override
    public List<ActivationEntity> newestOf(String functionName, int limit) {
        return em.createNamedQuery(ActivationEntity.BY_FUNCTION_NEWEST_FIRST, ActivationEntity.class)
                .setParameter("functionName", functionName)
                .setMaxResults(limit)
                .getResultList();
    }
}
