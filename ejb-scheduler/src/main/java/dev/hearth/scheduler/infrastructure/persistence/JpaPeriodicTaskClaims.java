package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.PeriodicTaskEntity;
import dev.hearth.scheduler.application.PeriodicTaskClaims;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

/**
 * Claims in table {@code hearth_periodic_task}: {@code UPDATE … SET last_slot = :slot WHERE name
 * = :name AND last_slot < :slot}, whose row count says whether this member won. A task's first
 * claim inserts its row; of two members inserting at once, the primary key refuses one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JpaPeriodicTaskClaims implements PeriodicTaskClaims {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Resource
    SessionContext context;

    @Override
    public boolean claim(String task, long slot) {
        int claimed = em.createNamedQuery(PeriodicTaskEntity.CLAIM)
                .setParameter("name", task)
                .setParameter("slot", slot)
                .executeUpdate();
        if (claimed == 1) {
            return true;
        }
        if (em.find(PeriodicTaskEntity.class, task) != null) {
            return false;
        }
        try {
            em.persist(new PeriodicTaskEntity(task, slot));
            em.flush();
            return true;
        } catch (PersistenceException anotherMemberInsertedIt) {
            context.setRollbackOnly();
            return false;
        }
    }
}
