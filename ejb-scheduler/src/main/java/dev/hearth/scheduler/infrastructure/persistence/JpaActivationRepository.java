package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.ActivationEntity;
import dev.hearth.scheduler.application.ActivationRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
        // The transaction's own connection, which also writes the row at commit; plain JDBC, since a
        // native query through JPA cost as much CPU as the insert itself.
        Connection connection = em.unwrap(Connection.class);
        try {
            if (postgresql(connection)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL synchronous_commit TO OFF");
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("cannot relax the commit of an activation record", e);
        }
        em.persist(activation);
    }

    @Override
    public Optional<ActivationEntity> find(String id) {
        return Optional.ofNullable(em.find(ActivationEntity.class, id));
    }

    @Override
    public List<ActivationEntity> newestOf(String functionId, int limit) {
        return em.createNamedQuery(ActivationEntity.BY_FUNCTION_NEWEST_FIRST, ActivationEntity.class)
                .setParameter("functionId", functionId)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public void removeOfFunction(String functionId) {
        em.createNamedQuery(ActivationEntity.REMOVE_OF_FUNCTION)
                .setParameter("functionId", functionId)
                .executeUpdate();
    }

    private boolean postgresql(Connection connection) throws SQLException {
        if (postgresql == null) {
            postgresql = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        }
        return postgresql;
    }
}
