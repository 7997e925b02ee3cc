package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.InstanceEntity;
import dev.hearth.scheduler.pool.InstanceRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The pool's written-through instances in persistence unit {@code hearth}. */
@Stateless
public class JpaInstanceRepository implements InstanceRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public List<InstanceEntity> all() {
        return em.createNamedQuery(InstanceEntity.ALL, InstanceEntity.class).getResultList();
    }

    @Override
    public List<InstanceEntity> onHost(String hostId) {
        return em.createNamedQuery(InstanceEntity.ON_HOST, InstanceEntity.class)
                .setParameter("hostId", hostId)
                .getResultList();
    }

    @Override
    public void add(InstanceEntity instance) {
        em.persist(instance);
    }

    @Override
    public void assign(String instanceId, String owner, String codeSha256) {
        InstanceEntity instance = em.find(InstanceEntity.class, instanceId);
        if (instance != null) {
            instance.assign(owner, codeSha256);
        }
    }

    @Override
    public void remove(String instanceId) {
        InstanceEntity instance = em.find(InstanceEntity.class, instanceId);
        if (instance != null) {
            em.remove(instance);
        }
    }
}
