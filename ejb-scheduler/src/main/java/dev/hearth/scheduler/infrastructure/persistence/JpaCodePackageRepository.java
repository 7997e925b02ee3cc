package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.CodePackageEntity;
import dev.hearth.scheduler.application.CodePackageRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Code packages in persistence unit {@code hearth}. */
@Stateless
public class JpaCodePackageRepository implements CodePackageRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public boolean exists(String sha256) {
        // A count, so that the archive's bytes are not read just to learn that it is there.
        return em.createQuery("SELECT COUNT(c) FROM CodePackageEntity c WHERE c.sha256 = :sha256", Long.class)
                        .setParameter("sha256", sha256)
                        .getSingleResult()
                > 0;
    }

    @Override
    public void add(CodePackageEntity codePackage) {
        em.persist(codePackage);
    }

    @Override
    public Optional<byte[]> content(String sha256) {
        return Optional.ofNullable(em.find(CodePackageEntity.class, sha256)).map(CodePackageEntity::content);
    }
}
