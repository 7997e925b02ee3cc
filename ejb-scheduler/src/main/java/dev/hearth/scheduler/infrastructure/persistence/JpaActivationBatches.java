package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.ActivationEntity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Writes a batch of activation records in a transaction of its own. On PostgreSQL it commits
 * without waiting for its WAL to reach the disk ({@code synchronous_commit} off for it alone): a
 * crash of PostgreSQL may lose the last moments' records, never corrupt them nor any other table
 * (docs/adr/0009-warm-path.md).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JpaActivationBatches {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    /** Whether jdbc/hearth is PostgreSQL; learned at this bean instance's first write. */
    private Boolean postgresql;

    public void write(List<ActivationEntity> batch) {
        // The transaction's own connection, which also writes the rows at commit; plain JDBC, since a
        // native query through JPA cost as much CPU as the insert itself.
        Connection connection = em.unwrap(Connection.class);
        try {
            if (postgresql(connection)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL synchronous_commit TO OFF");
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("cannot relax the commit of activation records", e);
        }
        batch.forEach(em::persist);
    }

    private boolean postgresql(Connection connection) throws SQLException {
        if (postgresql == null) {
            postgresql = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        }
        return postgresql;
    }
}
