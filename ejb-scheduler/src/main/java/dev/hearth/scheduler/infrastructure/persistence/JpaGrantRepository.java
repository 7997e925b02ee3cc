package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.FunctionGrantEntity;
import dev.hearth.scheduler.application.GrantRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Function grants in persistence unit {@code hearth}. */
@Stateless
public class JpaGrantRepository implements GrantRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public List<FunctionGrantEntity> of(String functionId) {
        return em.createNamedQuery(FunctionGrantEntity.BY_FUNCTION, FunctionGrantEntity.class)
                .setParameter("functionId", functionId)
                .getResultList();
    }

    @Override
    public Optional<FunctionGrantEntity> find(String functionName, String principal) {
        return Optional.ofNullable(
                em.find(FunctionGrantEntity.class, new FunctionGrantEntity.Key(functionName, principal)));
    }

    @Override
    public boolean grantedToAny(String functionId, Collection<String> principals) {
        return !em.createQuery(
                        "SELECT g.principal FROM FunctionGrantEntity g WHERE g.functionId = :functionId"
                                + " AND g.principal IN :principals",
                        String.class)
                .setParameter("functionId", functionId)
                .setParameter("principals", principals)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public void removeOfFunction(String functionId) {
        em.createNamedQuery(FunctionGrantEntity.REMOVE_OF_FUNCTION)
                .setParameter("functionId", functionId)
                .executeUpdate();
    }

    @Override
    public void add(FunctionGrantEntity grant) {
        em.persist(grant);
    }

    @Override
    public void remove(FunctionGrantEntity grant) {
        em.remove(em.contains(grant) ? grant : em.merge(grant));
    }
}
