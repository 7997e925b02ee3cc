/**
 * Bulk jobs on Jakarta Batch: the job {@code hearth-bulk-invocation} (its JSL in {@code
 * META-INF/batch-jobs}), its reader (records by index, the checkpoint is the next index) and
 * writer (the chunk's invocations, through the application's {@code BulkChunkRunner}), and the
 * {@code JobRunner} port over {@code JobOperator}. Payara keeps the job repository in {@code
 * jdbc/hearth} (docs/install). May depend on EJB and CDI, {@code jakarta.batch}, the
 * application's ports and the persistence entities they carry.
 */
package dev.hearth.scheduler.infrastructure.batch;
