package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.InvocationRecordEntity;
import dev.hearth.scheduler.application.AuxiliaryService.MetricView;
import dev.hearth.scheduler.application.InvocationRecordRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;

/** Auxiliary-service records in persistence unit {@code hearth}. */
@Stateless
public class JpaInvocationRecordRepository implements InvocationRecordRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public void addAll(List<InvocationRecordEntity> records) {
        RelaxedCommit.forThisTransaction(em);
        records.forEach(em::persist);
    }

    @Override
    public List<InvocationRecordEntity> ofActivation(String activationId, String kind, int most) {
        return em.createNamedQuery(InvocationRecordEntity.BY_ACTIVATION, InvocationRecordEntity.class)
                .setParameter("activationId", activationId)
                .setParameter("kind", kind)
                .setMaxResults(most)
                .getResultList();
    }

    @Override
    public long countOf(String activationId, String kind) {
        return em.createNamedQuery(InvocationRecordEntity.COUNT_OF_ACTIVATION, Long.class)
                .setParameter("activationId", activationId)
                .setParameter("kind", kind)
                .getSingleResult();
    }

    @Override
    public List<MetricView> metricsOf(String functionId, int most) {
        return em
                .createNamedQuery(InvocationRecordEntity.METRICS_OF_FUNCTION, Object[].class)
                .setParameter("functionId", functionId)
                .setMaxResults(most)
                .getResultList()
                .stream()
                .map(row -> new MetricView(
                        (String) row[0],
                        ((Number) row[1]).longValue(),
                        ((Number) row[2]).doubleValue(),
                        ((Number) row[3]).doubleValue(),
                        ((Number) row[4]).doubleValue(),
                        (String) row[5]))
                .toList();
    }

    @Override
    public void removeOfFunction(String functionId) {
        em.createNamedQuery(InvocationRecordEntity.REMOVE_OF_FUNCTION)
                .setParameter("functionId", functionId)
                .executeUpdate();
    }

    /** A statement per {@value IdBatches#IDS_PER_STATEMENT} activations, their rows found by the activation's index. */
    @Override
    public void removeOfActivations(Collection<String> activationIds) {
        IdBatches.execute(
                em.createNamedQuery(InvocationRecordEntity.REMOVE_OF_ACTIVATIONS), "activationIds", activationIds);
    }
}
