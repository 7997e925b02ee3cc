package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.KeyValueEntity;
import dev.hearth.scheduler.application.KeyValueRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Key-value entries in persistence unit {@code hearth}. */
@Stateless
public class JpaKeyValueRepository implements KeyValueRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public Optional<KeyValueEntity> find(String owner, String key) {
        return Optional.ofNullable(em.find(KeyValueEntity.class, new KeyValueEntity.Key(owner, key)));
    }

    @Override
    public long countOf(String owner) {
        return em.createQuery("SELECT COUNT(e) FROM KeyValueEntity e WHERE e.owner = :owner", Long.class)
                .setParameter("owner", owner)
                .getSingleResult();
    }

    @Override
    public void add(KeyValueEntity entry) {
        em.persist(entry);
    }

    @Override
    public void remove(KeyValueEntity entry) {
        em.remove(em.contains(entry) ? entry : em.merge(entry));
    }
}
