package dev.hearth.web.admin;

import dev.hearth.scheduler.application.ArchiveSummary;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documents of the archives, the retention and the metering jobs. */
public final class MeteringDtos {

    private MeteringDtos() {}

    @Schema(name = "ActivationArchive", description = "The archive of one day's (UTC) activation records.")
    public record ArchiveDto(
            @Schema(
                            description = "The day its records started on, UTC",
                            type = SchemaType.STRING,
                            format = "date",
                            example = "2026-11-03")
                    LocalDate day,
            @Schema(description = "Size of the .tar.gz in bytes") long sizeBytes,
            @Schema(description = "Activation records it holds") int records,
            @Schema(description = "When it was written (again, if the day was archived twice)")
                    OffsetDateTime archivedAt) {

        static ArchiveDto from(ArchiveSummary summary) {
            return new ArchiveDto(
                    summary.day(),
                    summary.sizeBytes(),
                    summary.records(),
                    summary.archivedAt().atOffset(ZoneOffset.UTC));
        }
    }

    @Schema(name = "Retention", description = "How long activation records are kept before they are archived.")
    public record RetentionDto(
            @Schema(
                            required = true,
                            description = "Whole days (UTC) kept besides today; 0 archives every day before today",
                            minimum = "0",
                            maximum = "3650",
                            example = "30")
                    Integer activationRetentionDays) {}

    @Schema(name = "JobExecution", description = "One run of a metering job on the member that started it.")
    public record JobExecutionDto(
            @Schema(enumeration = {"retention", "usage-rollup"}) String job,
            long executionId,
            @Schema(
                            description = "Jakarta Batch's status",
                            enumeration = {
                                "STARTING",
                                "STARTED",
                                "STOPPING",
                                "STOPPED",
                                "FAILED",
                                "COMPLETED",
                                "ABANDONED"
                            })
                    String status) {}
}
