package dev.hearth.scheduler.infrastructure.batch;

import dev.hearth.persistence.BulkJobRecordEntity;
import dev.hearth.scheduler.application.BulkJobRepository;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a job's records by index, a page at a time. The checkpoint is the index of the next record
 * to read: a restarted execution goes on from the last chunk that was written.
 */
@Named("bulkRecordReader")
@Dependent
public class BulkRecordReader extends AbstractItemReader {

    private static final int PAGE = 50;

    @Inject
    @BatchProperty
    String jobId;

    /** Where a new execution starts: 0, or the first record without a result after a member was killed. */
    @Inject
    @BatchProperty
    String from;

    @Inject
    BulkJobRepository jobs;

    private final Deque<BulkJobRecordEntity> page = new ArrayDeque<>();
    private int next;

    @Override
    public void open(Serializable checkpoint) {
        next = checkpoint == null ? Integer.parseInt(from) : (Integer) checkpoint;
        page.clear();
    }

    @Override
    public Object readItem() {
        if (page.isEmpty()) {
            page.addAll(jobs.records(jobId, next, PAGE));
        }
        BulkJobRecordEntity record = page.poll();
        if (record != null) {
            next = record.index() + 1;
        }
        return record;
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }
}
