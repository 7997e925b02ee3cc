package dev.hearth.scheduler.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Lets the current transaction commit without waiting for its WAL to reach the disk, on PostgreSQL
 * ({@code synchronous_commit} off for it alone): a crash of PostgreSQL or its machine may lose the
 * last moments' commits of such transactions, never corrupt them nor any other table. For records
 * whose loss in that case is accepted (ADR 37, ADR 41); elsewhere a no-op.
 */
final class RelaxedCommit {

    private RelaxedCommit() {}

    /** Relaxes the commit of the transaction {@code em} takes part in; a no-op on other databases. */
    static void forThisTransaction(EntityManager em) {
        // The transaction's own connection, which also writes the rows at commit; plain JDBC, since a
        // native query through JPA cost as much CPU as the insert itself.
        Connection connection = em.unwrap(Connection.class);
        try {
            if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL synchronous_commit TO OFF");
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("cannot relax the commit of this transaction", e);
        }
    }
}
