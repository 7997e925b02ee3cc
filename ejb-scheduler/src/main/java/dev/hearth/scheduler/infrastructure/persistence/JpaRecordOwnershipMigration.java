package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.FunctionEntity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings a database written before functions had an identity up to date, once, at start-up: each
 * function gets its identity, and its activations, log lines, metrics and grants become its own
 * when they were made for its name and owner since it was created. What is left without an
 * identity belonged to functions deleted before (possibly another owner's function of the same
 * name) and is deleted, as a delete does now. A database without such rows is left alone.
 */
@Singleton
@Startup
public class JpaRecordOwnershipMigration {

    private static final Logger LOG = Logger.getLogger(JpaRecordOwnershipMigration.class.getName());

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @PostConstruct
    void giveRecordsToTheirFunctions() {
        List<FunctionEntity> without = em.createNamedQuery(FunctionEntity.WITHOUT_ID, FunctionEntity.class)
                .getResultList();
        for (FunctionEntity function : without) {
            function.assignIdentity();
            em.createQuery("UPDATE ActivationEntity a SET a.functionId = :id WHERE a.functionId IS NULL"
                            + " AND a.functionName = :name AND a.owner = :owner AND a.startedAt >= :since")
                    .setParameter("id", function.functionId())
                    .setParameter("name", function.name())
                    .setParameter("owner", function.owner())
                    .setParameter("since", function.createdAt())
                    .executeUpdate();
            em.createQuery("UPDATE InvocationRecordEntity r SET r.functionId = :id WHERE r.functionId IS NULL"
                            + " AND r.activationId IN"
                            + " (SELECT a.id FROM ActivationEntity a WHERE a.functionId = :id)")
                    .setParameter("id", function.functionId())
                    .executeUpdate();
            em.createQuery("UPDATE FunctionGrantEntity g SET g.functionId = :id WHERE g.functionId IS NULL"
                            + " AND g.functionName = :name AND g.owner = :owner AND g.grantedAt >= :since")
                    .setParameter("id", function.functionId())
                    .setParameter("name", function.name())
                    .setParameter("owner", function.owner())
                    .setParameter("since", function.createdAt())
                    .executeUpdate();
        }
        int removed = 0;
        for (String entity : List.of("InvocationRecordEntity", "ActivationEntity", "FunctionGrantEntity")) {
            removed += em.createQuery("DELETE FROM " + entity + " e WHERE e.functionId IS NULL")
                    .executeUpdate();
        }
        if (!without.isEmpty() || removed > 0) {
            LOG.log(
                    Level.INFO,
                    "gave {0} functions an identity and deleted {1} records of deleted functions",
                    new Object[] {without.size(), removed});
        }
    }
}
