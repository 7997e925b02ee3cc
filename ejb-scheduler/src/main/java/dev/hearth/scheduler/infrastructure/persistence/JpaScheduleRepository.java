package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.FunctionScheduleEntity;
import dev.hearth.scheduler.application.ScheduleRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Function schedules in persistence unit {@code hearth}. */
@Stateless
public class JpaScheduleRepository implements ScheduleRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public List<FunctionScheduleEntity> of(String functionId) {
        return em.createNamedQuery(FunctionScheduleEntity.BY_FUNCTION, FunctionScheduleEntity.class)
                .setParameter("functionId", functionId)
                .getResultList();
    }

    @Override
    public Optional<FunctionScheduleEntity> find(String functionId, String scheduleName) {
        return of(functionId).stream()
                .filter(s -> s.scheduleName().equals(scheduleName))
                .findFirst();
    }

    @Override
    public Optional<FunctionScheduleEntity> byId(String scheduleId) {
        return Optional.ofNullable(em.find(FunctionScheduleEntity.class, scheduleId));
    }

    @Override
    public List<FunctionScheduleEntity> all() {
        return em.createNamedQuery(FunctionScheduleEntity.ALL, FunctionScheduleEntity.class)
                .getResultList();
    }

    @Override
    public void add(FunctionScheduleEntity schedule) {
        em.persist(schedule);
    }

    @Override
    public void remove(FunctionScheduleEntity schedule) {
        em.remove(em.contains(schedule) ? schedule : em.merge(schedule));
    }

    @Override
    public void removeOfFunction(String functionId) {
        em.createNamedQuery(FunctionScheduleEntity.REMOVE_OF_FUNCTION)
                .setParameter("functionId", functionId)
                .executeUpdate();
    }

    /** Its own transaction: the claim stands whatever the run's queuing does after it. */
    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String scheduleId, int revision, Instant slot) {
        return em.createNamedQuery(FunctionScheduleEntity.CLAIM)
                        .setParameter("id", scheduleId)
                        .setParameter("revision", revision)
                        .setParameter("slot", slot.toEpochMilli())
                        .executeUpdate()
                == 1;
    }
}
