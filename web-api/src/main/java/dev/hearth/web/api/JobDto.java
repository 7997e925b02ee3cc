package dev.hearth.web.api;

import dev.hearth.scheduler.application.BulkJobView;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Job", description = "A bulk invocation job: one invocation of the function per record of its data set.")
public record JobDto(
        String id,
        String functionName,
        String owner,
        @Schema(
                        description = "Of the job's current execution (Jakarta Batch's batch status)",
                        enumeration = {"starting", "started", "stopping", "stopped", "failed", "completed", "abandoned"
                        })
                String status,
        @Schema(
                        description = "Why the job cannot go on: its function was deleted since the job started"
                                + " (its records run on no other function, also not one deployed afresh under its"
                                + " name, and a restart is refused). Absent otherwise, and once complete")
                String problem,
        @Schema(description = "Records in the data set") int recordsTotal,
        @Schema(description = "Records with a result (each record once, whatever was redone)") int recordsDone,
        @Schema(description = "Records whose invocation did not succeed (among the done)") int recordsFailed,
        OffsetDateTime createdAt,
        @Schema(description = "When the current execution started") OffsetDateTime startedAt,
        @Schema(description = "When the current execution ended; absent while it runs") OffsetDateTime endedAt) {

    static JobDto from(BulkJobView job) {
        return new JobDto(
                job.id(),
                job.functionName(),
                job.owner(),
                job.status(),
                job.problem(),
                job.recordsTotal(),
                job.recordsDone(),
                job.recordsFailed(),
                job.createdAt(),
                job.startedAt(),
                job.endedAt());
    }
}
