package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.InstanceEntity;
import dev.hearth.scheduler.pool.InstanceRecord;
import dev.hearth.scheduler.pool.InstanceRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The pool's written-through instances in persistence unit {@code hearth}. */
@Stateless
public class JpaInstanceRepository implements InstanceRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public List<InstanceRecord> all() {
        return em.createNamedQuery(InstanceEntity.ALL, InstanceEntity.class).getResultList().stream()
                .map(JpaInstanceRepository::record)
                .toList();
    }

    @Override
    public List<InstanceRecord> onHost(String hostId) {
        return em
                .createNamedQuery(InstanceEntity.ON_HOST, InstanceEntity.class)
                .setParameter("hostId", hostId)
                .getResultList()
                .stream()
                .map(JpaInstanceRepository::record)
                .toList();
    }

    @Override
    public void add(InstanceRecord instance) {
        em.persist(new InstanceEntity(
                instance.instanceId(),
                instance.hostId(),
                instance.member(),
                instance.owner(),
                instance.runtime(),
                instance.isolation(),
                instance.functionId(),
                instance.codeSha256(),
                OffsetDateTime.ofInstant(instance.createdAt(), ZoneOffset.UTC)));
    }

    @Override
    public void assign(String instanceId, String owner, String functionId, String codeSha256) {
        InstanceEntity instance = em.find(InstanceEntity.class, instanceId);
        if (instance != null) {
            instance.assign(owner, functionId, codeSha256);
        }
    }

    @Override
    public void remove(String instanceId) {
        InstanceEntity instance = em.find(InstanceEntity.class, instanceId);
        if (instance != null) {
            em.remove(instance);
        }
    }

    private static InstanceRecord record(InstanceEntity row) {
        return new InstanceRecord(
                row.instanceId(),
                row.hostId(),
                row.member(),
                row.owner(),
                row.runtime(),
                row.isolation(),
                row.functionId(),
                row.codeSha256(),
                row.createdAt().toInstant());
    }
}
