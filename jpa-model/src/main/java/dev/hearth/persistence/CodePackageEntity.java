package dev.hearth.persistence;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A code archive as uploaded, addressed by its SHA-256 so that identical uploads are kept once. */
@Entity
@Table(name = "hearth_code_package")
public class CodePackageEntity {

    @Id
    @Column(name = "sha256", length = 64)
    private String sha256;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "content", nullable = false)
    private byte[] content;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected CodePackageEntity() {}

    public CodePackageEntity(String sha256, byte[] content, OffsetDateTime createdAt) {
        this.sha256 = sha256;
        this.content = content.clone();
        this.size = content.length;
        this.createdAt = createdAt;
    }

    public String sha256() {
        return sha256;
    }

    public byte[] content() {
        return content.clone();
    }

    public long size() {
        return size;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
