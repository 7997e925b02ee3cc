package dev.hearth.scheduler.infrastructure.batch;

import dev.hearth.persistence.BulkJobRecordEntity;
import dev.hearth.scheduler.application.BulkChunkRunner;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Invokes a chunk's records and stores their results, in the chunk's transaction with its checkpoint. */
@Named("bulkRecordWriter")
@Dependent
public class BulkRecordWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    String jobId;

    @Inject
    BulkChunkRunner chunks;

    @Override
    public void writeItems(List<Object> items) {
        chunks.run(jobId, items.stream().map(BulkJobRecordEntity.class::cast).toList());
    }
}
