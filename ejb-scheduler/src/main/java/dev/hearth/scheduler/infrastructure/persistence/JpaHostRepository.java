package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.HostEntity;
import dev.hearth.scheduler.pool.HostRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;
import java.util.stream.Collectors;

/** Drained hosts in persistence unit {@code hearth}. */
@Stateless
public class JpaHostRepository implements HostRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public Set<String> drainingHostIds() {
        return em.createNamedQuery(HostEntity.DRAINING, HostEntity.class)
                .getResultStream()
                .map(HostEntity::hostId)
                .collect(Collectors.toSet());
    }

    @Override
    public void setDraining(String hostId, boolean draining) {
        HostEntity host = em.find(HostEntity.class, hostId);
        if (host == null) {
            em.persist(new HostEntity(hostId, draining));
        } else {
            host.drain(draining);
        }
    }
}
