/**
 * Hearth's jobs on Jakarta Batch (JSL in {@code META-INF/batch-jobs}), started through the {@code
 * JobOperator}. The metering jobs' batchlets hand the work to the application's EJBs, one
 * transaction per day or rollup. The bulk job {@code hearth-bulk-invocation} has a reader (records
 * by index, the checkpoint is the next index) and a writer (the chunk's invocations, through the
 * application's {@code BulkChunkRunner}), behind the {@code JobRunner} port. Payara keeps the job
 * repository in {@code jdbc/hearth} (docs/install). May depend on Jakarta Batch, EJB and CDI, the
 * application's ports and the persistence entities they carry.
 */
package dev.hearth.scheduler.infrastructure.batch;
