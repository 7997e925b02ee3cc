package dev.hearth.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * The results of one chunk of a job: its records' result lines as gzip members (one per record), and how many
 * succeeded and failed. Keyed by the chunk's first record, so a chunk run again after a restart
 * replaces its part; the members in index order form the job's results file.
 */
@Entity
@Table(name = "hearth_bulk_job_result")
@IdClass(BulkJobResultEntity.Key.class)
public class BulkJobResultEntity {

    @Id
    @Column(name = "job_id", length = 36)
    private String jobId;

    @Id
    @Column(name = "first_index")
    private int firstIndex;

    @Column(name = "record_count", nullable = false)
    private int recordCount;

    @Column(name = "succeeded", nullable = false)
    private int succeeded;

    @Column(name = "failed", nullable = false)
    private int failed;

    @Lob
    @Column(name = "lines_gzip", nullable = false)
    private byte[] linesGzip;

    protected BulkJobResultEntity() {}

    public BulkJobResultEntity(
            String jobId, int firstIndex, int recordCount, int succeeded, int failed, byte[] linesGzip) {
        this.jobId = jobId;
        this.firstIndex = firstIndex;
        this.recordCount = recordCount;
        this.succeeded = succeeded;
        this.failed = failed;
        this.linesGzip = linesGzip.clone();
    }

    public int firstIndex() {
        return firstIndex;
    }

    public int recordCount() {
        return recordCount;
    }

    public int succeeded() {
        return succeeded;
    }

    public int failed() {
        return failed;
    }

    public byte[] linesGzip() {
        return linesGzip.clone();
    }

    /** The primary key: job and the chunk's first record. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String jobId;
        private int firstIndex;

        public Key() {}

        public Key(String jobId, int firstIndex) {
            this.jobId = jobId;
            this.firstIndex = firstIndex;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Objects.equals(jobId, k.jobId) && firstIndex == k.firstIndex;
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, firstIndex);
        }
    }
}
