package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.FunctionEntity;
import dev.hearth.scheduler.application.FunctionRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Functions in persistence unit {@code hearth}. */
@Stateless
public class JpaFunctionRepository implements FunctionRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public Optional<FunctionEntity> find(String name) {
        return Optional.ofNullable(em.find(FunctionEntity.class, name));
    }

    @Override
    public List<FunctionEntity> all() {
        return em.createNamedQuery(FunctionEntity.ALL, FunctionEntity.class).getResultList();
    }

    @Override
    public List<FunctionEntity> ownedBy(String owner) {
        return em.createNamedQuery(FunctionEntity.BY_OWNER, FunctionEntity.class)
                .setParameter("owner", owner)
                .getResultList();
    }

    @Override
    public long countOwnedBy(String owner) {
        return em.createQuery("SELECT COUNT(f) FROM FunctionEntity f WHERE f.owner = :owner", Long.class)
                .setParameter("owner", owner)
                .getSingleResult();
    }

    @Override
    public void add(FunctionEntity function) {
        em.persist(function);
    }

    @Override
    public void remove(FunctionEntity function) {
        em.remove(em.contains(function) ? function : em.merge(function));
    }
}
