package dev.hearth.scheduler.application;

import java.time.OffsetDateTime;

/**
 * A bulk invocation job as its owner sees it: the current execution's status, why the job cannot
 * go on when its function is not the one it was started on (null otherwise), the records done
 * (with a result) and failed of the total, and when it was created and its last execution ended.
 */
public record BulkJobView(
        String id,
        String functionName,
        String owner,
        String status,
        String problem,
        int recordsTotal,
        int recordsDone,
        int recordsFailed,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt) {}
