package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.ActivationEntity;
import dev.hearth.scheduler.application.ActivationRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Activation records in persistence unit {@code hearth}. Every invocation writes one before it
 * answers, so on PostgreSQL that transaction commits without waiting for its WAL to reach the disk
 * ({@code synchronous_commit} off for it alone): a crash of PostgreSQL may lose the last moments'
 * records, never corrupt them nor any other table (docs/adr/0009-warm-path.md).
 */
@Stateless
public class JpaActivationRepository implements ActivationRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    /** Whether jdbc/hearth is PostgreSQL; learned at this bean instance's first write. */
    private Boolean postgresql;

    @Override
    public void add(ActivationEntity activation) {
        if (postgresql()) {
            em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
        }
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

    private boolean postgresql() {
        if (postgresql == null) {
            try {
                postgresql = em.unwrap(Connection.class)
                        .getMetaData()
                        .getDatabaseProductName()
                        .equals("PostgreSQL");
            } catch (SQLException e) {
                throw new PersistenceException("cannot tell which database jdbc/hearth is", e);
            }
        }
        return postgresql;
    }
}
