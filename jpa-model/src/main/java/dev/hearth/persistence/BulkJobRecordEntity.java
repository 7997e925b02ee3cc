package dev.hearth.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One record of a job's data set: the event of one invocation, by its index in the data set. */
@Entity
@Table(name = "hearth_bulk_job_record")
@IdClass(BulkJobRecordEntity.Key.class)
public class BulkJobRecordEntity {

    @Id
    @Column(name = "job_id", length = 36)
    private String jobId;

    @Id
    @Column(name = "record_index")
    private int recordIndex;

    @Lob
    @Column(name = "event", nullable = false)
    private String event;

    protected BulkJobRecordEntity() {}

    public BulkJobRecordEntity(String jobId, int index, String event) {
        this.jobId = jobId;
        this.recordIndex = index;
        this.event = event;
    }

    public int index() {
        return recordIndex;
    }

    public String event() {
        return event;
    }

    /** The primary key: job and index. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String jobId;
        private int recordIndex;

        public Key() {}

        public Key(String jobId, int index) {
            this.jobId = jobId;
            this.recordIndex = index;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Objects.equals(jobId, k.jobId) && recordIndex == k.recordIndex;
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, recordIndex);
        }
    }
}
