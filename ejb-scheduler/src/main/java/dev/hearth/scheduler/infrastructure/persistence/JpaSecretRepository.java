package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.FunctionSecretEntity;
import dev.hearth.scheduler.application.SecretRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Function secrets in persistence unit {@code hearth}. */
@Stateless
public class JpaSecretRepository implements SecretRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public List<FunctionSecretEntity> of(String functionName, String owner) {
        return em.createNamedQuery(FunctionSecretEntity.BY_FUNCTION, FunctionSecretEntity.class)
                .setParameter("functionName", functionName)
                .setParameter("owner", owner)
                .getResultList();
    }

    @Override
    public Optional<FunctionSecretEntity> find(String functionName, String secretName) {
        return Optional.ofNullable(
                em.find(FunctionSecretEntity.class, new FunctionSecretEntity.Key(functionName, secretName)));
    }

    @Override
    public long countOwnedBy(String owner) {
        return em.createQuery("SELECT COUNT(s) FROM FunctionSecretEntity s WHERE s.owner = :owner", Long.class)
                .setParameter("owner", owner)
                .getSingleResult();
    }

    @Override
    public void add(FunctionSecretEntity secret) {
        em.persist(secret);
    }

    @Override
    public void remove(FunctionSecretEntity secret) {
        em.remove(em.contains(secret) ? secret : em.merge(secret));
        em.flush(); // before a secret of the same key is added in the same transaction
    }

    @Override
    public void removeOfFunction(String functionName) {
        em.createNamedQuery(FunctionSecretEntity.REMOVE_OF_FUNCTION)
                .setParameter("functionName", functionName)
                .executeUpdate();
    }
}
