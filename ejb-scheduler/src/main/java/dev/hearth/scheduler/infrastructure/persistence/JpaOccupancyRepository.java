package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.domain.metering.OccupancySample;
import dev.hearth.persistence.PoolOccupancyEntity;
import dev.hearth.scheduler.application.OccupancyRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The members' occupancy samples in persistence unit {@code hearth} (index on the time). */
@Stateless
public class JpaOccupancyRepository implements OccupancyRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public void add(OccupancySample sample) {
        em.persist(new PoolOccupancyEntity(
                UUID.randomUUID().toString(),
                OffsetDateTime.ofInstant(sample.sampledAt(), ZoneOffset.UTC),
                sample.member(),
                sample.booting(),
                sample.warming(),
                sample.idle(),
                sample.busy()));
    }

    @Override
    public List<OccupancySample> between(Instant from, Instant to) {
        return em.createQuery(
                        "SELECT s FROM PoolOccupancyEntity s WHERE s.sampledAt >= :from AND s.sampledAt < :to",
                        PoolOccupancyEntity.class)
                .setParameter("from", from.atOffset(ZoneOffset.UTC))
                .setParameter("to", to.atOffset(ZoneOffset.UTC))
                .getResultStream()
                .map(row -> new OccupancySample(
                        row.sampledAt().toInstant(),
                        row.member(),
                        row.booting(),
                        row.warming(),
                        row.idle(),
                        row.busy()))
                .toList();
    }

    @Override
    public int removeBefore(Instant instant) {
        return em.createQuery("DELETE FROM PoolOccupancyEntity s WHERE s.sampledAt < :before")
                .setParameter("before", instant.atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }
}
