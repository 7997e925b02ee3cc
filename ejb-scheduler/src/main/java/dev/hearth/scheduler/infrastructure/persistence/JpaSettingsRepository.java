package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.PoolTarget;
import dev.hearth.persistence.RuntimePoolEntity;
import dev.hearth.persistence.SchedulerSettingsEntity;
import dev.hearth.scheduler.application.SchedulerSettings;
import dev.hearth.scheduler.application.SettingsRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Pool targets and scheduler settings in persistence unit {@code hearth}. */
@Stateless
public class JpaSettingsRepository implements SettingsRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public List<PoolTarget> poolTargets() {
        return em.createNamedQuery(RuntimePoolEntity.ALL, RuntimePoolEntity.class)
                .getResultStream()
                .flatMap(
                        row -> Runtime.byId(row.runtime())
                                .map(r -> new PoolTarget(r, row.warmingTarget(), row.maxPerHost()))
                                .stream())
                .toList();
    }

    @Override
    public void savePoolTarget(PoolTarget target) {
        RuntimePoolEntity row =
                em.find(RuntimePoolEntity.class, target.runtime().id());
        if (row == null) {
            em.persist(new RuntimePoolEntity(target.runtime().id(), target.warmingTarget(), target.maxPerHost()));
        } else {
            row.change(target.warmingTarget(), target.maxPerHost());
        }
    }

    @Override
    public SchedulerSettings settings() {
        return Optional.ofNullable(em.find(SchedulerSettingsEntity.class, SchedulerSettingsEntity.ID))
                .map(row -> new SchedulerSettings(
                        Duration.ofSeconds(row.keepAliveSeconds()),
                        row.maxConcurrentPerFunction(),
                        row.maxConcurrentPerUser(),
                        Duration.ofMillis(row.queueWaitMillis()),
                        row.allowedPrivateNetworks()))
                .orElse(SchedulerSettings.DEFAULT);
    }

    @Override
    public void saveSettings(SchedulerSettings settings) {
        SchedulerSettingsEntity row = em.find(SchedulerSettingsEntity.class, SchedulerSettingsEntity.ID);
        if (row == null) {
            em.persist(new SchedulerSettingsEntity(
                    settings.keepAlive().toSeconds(),
                    settings.maxConcurrentPerFunction(),
                    settings.maxConcurrentPerUser(),
                    settings.queueWait().toMillis(),
                    settings.allowedPrivateNetworks()));
        } else {
            row.change(
                    settings.keepAlive().toSeconds(),
                    settings.maxConcurrentPerFunction(),
                    settings.maxConcurrentPerUser(),
                    settings.queueWait().toMillis(),
                    settings.allowedPrivateNetworks());
        }
    }
}
