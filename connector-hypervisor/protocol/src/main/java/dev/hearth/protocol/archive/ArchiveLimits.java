package dev.hearth.protocol.archive;

import dev.hearth.domain.rules.Limits;

/**
 * Bounds on a code archive. {@code maxCompressionRatio} bounds the unpacked size relative to the
 * archive's own size; archives that unpack to less than {@link #RATIO_FLOOR_BYTES} are never
 * refused for their ratio alone, so that a tiny archive of a compressible text file passes.
 */
public record ArchiveLimits(
        long maxArchiveBytes, long maxTotalBytes, int maxEntries, long maxEntryBytes, int maxCompressionRatio) {

    public static final long RATIO_FLOOR_BYTES = 1L << 20;

    /** Hearth's limits: the upload and the host agent read every archive with these. */
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(
            Limits.MAX_ARCHIVE_BYTES,
            Limits.MAX_UNPACKED_BYTES,
            Limits.MAX_ARCHIVE_ENTRIES,
            Limits.MAX_ARCHIVE_ENTRY_BYTES,
            Limits.MAX_COMPRESSION_RATIO);

    public ArchiveLimits {
        if (maxArchiveBytes <= 0
                || maxTotalBytes <= 0
                || maxEntries <= 0
                || maxEntryBytes <= 0
                || maxCompressionRatio <= 0) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }

    /** The most bytes an archive of {@code archiveBytes} may unpack to. */
    long maxUnpackedBytes(long archiveBytes) {
        long byRatio = archiveBytes > Long.MAX_VALUE / maxCompressionRatio
                ? Long.MAX_VALUE
                : Math.max(RATIO_FLOOR_BYTES, archiveBytes * maxCompressionRatio);
        return Math.min(maxTotalBytes, byRatio);
    }
}
