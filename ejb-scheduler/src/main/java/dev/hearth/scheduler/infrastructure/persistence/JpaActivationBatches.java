package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.ActivationEntity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Writes a batch of activation records in a transaction of its own, with a {@link RelaxedCommit}
 * (docs/adr/0009-warm-path.md).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JpaActivationBatches {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    public void write(List<ActivationEntity> batch) {
        RelaxedCommit.forThisTransaction(em);
        batch.forEach(em::persist);
    }
}
