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
 * name) and is deleted, as a delete does now. Bulk jobs written before they recorded their
 * function's identity are bound to it where it is still there ({@link #bindJobsToTheirFunctions}).
 * A database without such rows is left alone.
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
        bindJobsToTheirFunctions();
    }

    /**
     * A job without its function's identity is bound to the function of its name if that function
     * was created before the job: it has had the name ever since, so it is the one the job was
     * started on. A function created after the job replaced that one; such a job, like one whose
     * function is gone, stays unbound and runs on no function (docs/adr/0057).
     */
    private void bindJobsToTheirFunctions() {
        List<String> names = em.createQuery(
                        // In order, so that members starting at once take the rows' locks in the same order.
                        "SELECT DISTINCT j.functionName FROM BulkJobEntity j WHERE j.functionId IS NULL"
                                + " ORDER BY j.functionName",
                        String.class)
                .getResultList();
        int bound = 0;
        for (String name : names) {
            FunctionEntity function = em.find(FunctionEntity.class, name);
            if (function != null) {
                bound += em.createQuery("UPDATE BulkJobEntity j SET j.functionId = :id WHERE j.functionId IS NULL"
                                + " AND j.functionName = :name AND j.createdAt >= :since")
                        .setParameter("id", function.functionId())
                        .setParameter("name", name)
                        .setParameter("since", function.createdAt())
                        .executeUpdate();
            }
        }
        if (bound > 0) {
            LOG.log(
                    Level.INFO,
                    "bound {0} bulk jobs of {1} function names to their functions; a job whose function was"
                            + " deleted or replaced since stays unbound and runs on none",
                    new Object[] {bound, names.size()});
        }
    }
}
