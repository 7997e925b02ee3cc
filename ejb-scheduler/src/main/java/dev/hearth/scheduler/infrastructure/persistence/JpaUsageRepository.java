package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.domain.metering.HourlyUsage;
import dev.hearth.persistence.UsageEntity;
import dev.hearth.scheduler.application.UsageRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Hourly usage in persistence unit {@code hearth}. */
@Stateless
public class JpaUsageRepository implements UsageRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public void replace(Instant from, Instant to, List<HourlyUsage> usage) {
        em.createQuery("DELETE FROM UsageEntity u WHERE u.hour >= :from AND u.hour < :to")
                .setParameter("from", from.atOffset(ZoneOffset.UTC))
                .setParameter("to", to.atOffset(ZoneOffset.UTC))
                .executeUpdate();
        for (HourlyUsage hour : usage) {
            em.persist(new UsageEntity(
                    UUID.randomUUID().toString(),
                    hour.hour().atOffset(ZoneOffset.UTC),
                    hour.user(),
                    hour.function(),
                    hour.invocations(),
                    hour.errors(),
                    hour.megabyteMillis()));
        }
    }

    @Override
    public List<HourlyUsage> between(Instant from, Instant to, Optional<String> user) {
        TypedQuery<UsageEntity> query = em.createQuery(
                        "SELECT u FROM UsageEntity u WHERE u.hour >= :from AND u.hour < :to"
                                + (user.isPresent() ? " AND u.user = :user" : "")
                                + " ORDER BY u.hour, u.user, u.function",
                        UsageEntity.class)
                .setParameter("from", from.atOffset(ZoneOffset.UTC))
                .setParameter("to", to.atOffset(ZoneOffset.UTC));
        user.ifPresent(name -> query.setParameter("user", name));
        return query.getResultStream()
                .map(u -> new HourlyUsage(
                        u.hour().toInstant(), u.user(), u.function(), u.invocations(), u.errors(), u.megabyteMillis()))
                .toList();
    }
}
