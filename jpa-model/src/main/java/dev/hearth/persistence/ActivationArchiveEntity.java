package dev.hearth.persistence;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The archive of one day's (UTC) activation records, a {@code .tar.gz}, kept in the database so
 * that every member serves it. A day archived again gets its archive replaced by one that holds
 * the old records and the new; the version makes two such replacements at once fail one of them.
 */
@Entity
@Table(name = "hearth_activation_archive")
@NamedQuery(
        name = ActivationArchiveEntity.SUMMARIES_OLDEST_FIRST,
        query = "SELECT a.day, a.size, a.records, a.archivedAt FROM ActivationArchiveEntity a ORDER BY a.day")
@NamedQuery(name = ActivationArchiveEntity.DAYS, query = "SELECT a.day FROM ActivationArchiveEntity a")
public class ActivationArchiveEntity {

    /** Day, size in bytes, record count and when it was (last) archived, without the content. */
    public static final String SUMMARIES_OLDEST_FIRST = "ActivationArchiveEntity.summariesOldestFirst";

    public static final String DAYS = "ActivationArchiveEntity.days";

    @Id
    @Column(name = "archive_day")
    private LocalDate day;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "content", nullable = false)
    private byte[] content;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "record_count", nullable = false)
    private int records;

    @Column(name = "archived_at", nullable = false)
    private OffsetDateTime archivedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected ActivationArchiveEntity() {}

    public ActivationArchiveEntity(LocalDate day, byte[] content, int records, OffsetDateTime archivedAt) {
        this.day = day;
        replace(content, records, archivedAt);
    }

    public final void replace(byte[] newContent, int newRecords, OffsetDateTime newArchivedAt) {
        this.content = newContent.clone();
        this.size = newContent.length;
        this.records = newRecords;
        this.archivedAt = newArchivedAt;
    }

    public LocalDate day() {
        return day;
    }

    public byte[] content() {
        return content.clone();
    }

    public int records() {
        return records;
    }
}
