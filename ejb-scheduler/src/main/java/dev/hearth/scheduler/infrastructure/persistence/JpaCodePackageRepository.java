package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.CodePackageEntity;
import dev.hearth.scheduler.application.CodePackageRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Code packages in persistence unit {@code hearth}. */
@Stateless
public class JpaCodePackageRepository implements CodePackageRepository {

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public Set<String> lock(Set<String> sha256s) {
        Set<String> stored = new TreeSet<>();
        for (String sha256 : new TreeSet<>(sha256s)) {
            // The key column alone: the archive's bytes are not read just to lock its row.
            // PostgreSQL returns no row when the transaction it waited for removed it.
            if (!em.createNativeQuery("SELECT sha256 FROM hearth_code_package WHERE sha256 = ?1 FOR UPDATE")
                    .setParameter(1, sha256)
                    .getResultList()
                    .isEmpty()) {
                stored.add(sha256);
            }
        }
        return stored;
    }

    @Override
    public void add(CodePackageEntity codePackage) {
        em.persist(codePackage);
    }

    @Override
    public void removeUnreferenced(String sha256) {
        em.flush(); // this transaction's new code or removed function counts
        em.createQuery("DELETE FROM CodePackageEntity c WHERE c.sha256 = :sha256 AND NOT EXISTS"
                        + " (SELECT f.name FROM FunctionEntity f WHERE f.codeSha256 = :sha256)")
                .setParameter("sha256", sha256)
                .executeUpdate();
    }

    @Override
    public Optional<byte[]> content(String sha256) {
        return Optional.ofNullable(em.find(CodePackageEntity.class, sha256)).map(CodePackageEntity::content);
    }
}
