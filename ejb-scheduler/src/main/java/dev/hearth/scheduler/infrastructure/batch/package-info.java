/**
 * The metering jobs on Jakarta Batch: their batchlets (named in META-INF/batch-jobs) hand the work
 * to the application's EJBs, one transaction per day or rollup, and the launcher starts jobs
 * through the {@code JobOperator}. May depend on Jakarta Batch, EJB and CDI and the application.
 */
package dev.hearth.scheduler.infrastructure.batch;
