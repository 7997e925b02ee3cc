package dev.hearth.manifest.dataset;

import dev.hearth.domain.rules.Limits;
import dev.hearth.protocol.archive.ArchiveLimits;

/**
 * Bounds on a data set: the upload's bytes, the archive's unpacked bytes, entries and compression
 * ratio, and the records. Every record is also bounded by the event limit ({@link
 * Limits#MAX_EVENT_BYTES}).
 */
public record DataSetLimits(
        long maxUploadBytes, long maxUnpackedBytes, int maxEntries, int maxRecords, int maxCompressionRatio) {

    /** Hearth's limits for a job's data set. */
    public static final DataSetLimits DEFAULT = new DataSetLimits(16L << 20, 64L << 20, 256, 100_000, 100);

    public DataSetLimits {
        if (maxUploadBytes <= 0
                || maxUnpackedBytes <= 0
                || maxEntries <= 0
                || maxRecords <= 0
                || maxCompressionRatio <= 0) {
            throw new IllegalArgumentException("data set limits must be positive");
        }
    }

    ArchiveLimits archiveLimits() {
        return new ArchiveLimits(maxUploadBytes, maxUnpackedBytes, maxEntries, maxUnpackedBytes, maxCompressionRatio);
    }
}
