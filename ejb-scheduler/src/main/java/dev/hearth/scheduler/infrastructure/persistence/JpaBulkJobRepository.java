package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.BulkJobEntity;
import dev.hearth.persistence.BulkJobRecordEntity;
import dev.hearth.persistence.BulkJobResultEntity;
import dev.hearth.scheduler.application.BulkJobRepository;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Bulk jobs, their records and results in persistence unit {@code hearth}. */
@Stateless
public class JpaBulkJobRepository implements BulkJobRepository {

    /** Records written between flushes: a large data set must not sit whole in the context. */
    private static final int FLUSH_EVERY = 500;

    @PersistenceContext(unitName = "hearth")
    EntityManager em;

    @Override
    public void add(BulkJobEntity job, List<String> records) {
        em.persist(job);
        for (int i = 0; i < records.size(); i++) {
            em.persist(new BulkJobRecordEntity(job.id(), i, records.get(i)));
            if ((i + 1) % FLUSH_EVERY == 0) {
                em.flush();
                em.clear();
            }
        }
    }

    @Override
    public Optional<BulkJobEntity> find(String id) {
        return Optional.ofNullable(em.find(BulkJobEntity.class, id));
    }

    @Override
    public List<BulkJobEntity> list(String owner) {
        TypedQuery<BulkJobEntity> query = owner == null
                ? em.createQuery("SELECT j FROM BulkJobEntity j ORDER BY j.createdAt DESC", BulkJobEntity.class)
                : em.createQuery(
                                "SELECT j FROM BulkJobEntity j WHERE j.owner = :owner ORDER BY j.createdAt DESC",
                                BulkJobEntity.class)
                        .setParameter("owner", owner);
        return query.getResultList();
    }

    @Override
    public List<BulkJobEntity> runBy(String member) {
        return em.createQuery("SELECT j FROM BulkJobEntity j WHERE j.member = :member", BulkJobEntity.class)
                .setParameter("member", member)
                .getResultList();
    }

    @Override
    public void runBy(String jobId, long executionId, String member) {
        em.find(BulkJobEntity.class, jobId).runBy(executionId, member);
    }

    @Override
    public void requestStop(String jobId) {
        em.find(BulkJobEntity.class, jobId).requestStop(OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Override
    public List<BulkJobEntity> stopRequested(String member) {
        return em.createQuery(
                        "SELECT j FROM BulkJobEntity j WHERE j.member = :member AND j.stopRequestedAt IS NOT NULL",
                        BulkJobEntity.class)
                .setParameter("member", member)
                .getResultList();
    }

    @Override
    public void stopRequestHandled(String jobId) {
        em.find(BulkJobEntity.class, jobId).stopRequestHandled();
    }

    @Override
    public List<BulkJobRecordEntity> records(String jobId, int from, int max) {
        return em.createQuery(
                        "SELECT r FROM BulkJobRecordEntity r WHERE r.jobId = :job AND r.recordIndex >= :from"
                                + " ORDER BY r.recordIndex",
                        BulkJobRecordEntity.class)
                .setParameter("job", jobId)
                .setParameter("from", from)
                .setMaxResults(max)
                .getResultList();
    }

    @Override
    public void putResults(BulkJobResultEntity results) {
        em.merge(results);
    }

    @Override
    public List<ResultChunk> resultChunks(String jobId) {
        return em.createQuery(
                        "SELECT c.firstIndex, FUNCTION('OCTET_LENGTH', c.linesGzip) FROM BulkJobResultEntity c"
                                + " WHERE c.jobId = :job ORDER BY c.firstIndex",
                        Object[].class)
                .setParameter("job", jobId)
                .getResultStream()
                .map(row -> new ResultChunk((Integer) row[0], ((Number) row[1]).longValue()))
                .toList();
    }

    @Override
    public Optional<byte[]> resultLines(String jobId, int firstIndex) {
        return em.createQuery(
                        "SELECT c.linesGzip FROM BulkJobResultEntity c WHERE c.jobId = :job AND c.firstIndex = :first",
                        byte[].class)
                .setParameter("job", jobId)
                .setParameter("first", firstIndex)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Progress progress(String jobId) {
        Object[] sums = em.createQuery(
                        "SELECT COALESCE(SUM(c.recordCount), 0), COALESCE(SUM(c.failed), 0),"
                                + " COALESCE(MAX(c.firstIndex + c.recordCount), 0)"
                                + " FROM BulkJobResultEntity c WHERE c.jobId = :job",
                        Object[].class)
                .setParameter("job", jobId)
                .getSingleResult();
        return new Progress(
                ((Number) sums[0]).intValue(), ((Number) sums[1]).intValue(), ((Number) sums[2]).intValue());
    }
}
