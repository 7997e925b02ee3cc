package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.domain.metering.Retention;
import dev.hearth.persistence.RetentionSettingsEntity;
import dev.hearth.scheduler.application.RetentionSettingsRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** The retention of activation records in persistence unit {@code hearth}. */
@Stateless
public class JpaRetentionSettingsRepository implements RetentionSettingsRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public Retention retention() {
        return Optional.ofNullable(em.find(RetentionSettingsEntity.class, RetentionSettingsEntity.ID))
                .map(row -> new Retention(row.activationRetentionDays()))
                .orElse(Retention.DEFAULT);
    }

    @Override
    public void save(Retention retention) {
        RetentionSettingsEntity row = em.find(RetentionSettingsEntity.class, RetentionSettingsEntity.ID);
        if (row == null) {
            em.persist(new RetentionSettingsEntity(retention.days()));
        } else {
            row.change(retention.days());
        }
    }
}
