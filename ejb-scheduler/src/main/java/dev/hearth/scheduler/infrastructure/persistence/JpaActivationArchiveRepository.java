package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.ActivationArchiveEntity;
import dev.hearth.scheduler.application.ActivationArchiveRepository;
import dev.hearth.scheduler.application.ArchiveSummary;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Activation archives in persistence unit {@code hearth}. */
@Stateless
public class JpaActivationArchiveRepository implements ActivationArchiveRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public List<ArchiveSummary> summaries() {
        return em.createNamedQuery(ActivationArchiveEntity.SUMMARIES_OLDEST_FIRST, Object[].class)
                .getResultStream()
                .map(row -> new ArchiveSummary(
                        (LocalDate) row[0],
                        ((Number) row[1]).longValue(),
                        ((Number) row[2]).intValue(),
                        ((OffsetDateTime) row[3]).toInstant()))
                .toList();
    }

    @Override
    public Set<LocalDate> days() {
        return Set.copyOf(em.createNamedQuery(ActivationArchiveEntity.DAYS, LocalDate.class)
                .getResultList());
    }

    @Override
    public Optional<ActivationArchiveEntity> find(LocalDate day) {
        return Optional.ofNullable(em.find(ActivationArchiveEntity.class, day));
    }

    @Override
    public void add(ActivationArchiveEntity archive) {
        em.persist(archive);
    }
}
