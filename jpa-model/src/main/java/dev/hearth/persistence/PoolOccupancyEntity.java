package dev.hearth.persistence;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One member's sample of what its instances were doing: how many were booting, warming (in the
 * warming pool), idle and busy at {@code sampledAt}. Written every few seconds by each member,
 * read for the console's chart of the last hour and deleted after it; never in the shared cache.
 */
@Entity
@Cacheable(false)
@Table(name = "hearth_pool_occupancy", indexes = @Index(name = "ix_pool_occupancy_sampled", columnList = "sampled_at"))
public class PoolOccupancyEntity {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "sampled_at", nullable = false)
    private OffsetDateTime sampledAt;

    @Column(name = "member_name", nullable = false, length = 128)
    private String member;

    @Column(name = "booting", nullable = false)
    private int booting;

    @Column(name = "warming", nullable = false)
    private int warming;

    @Column(name = "idle", nullable = false)
    private int idle;

    @Column(name = "busy", nullable = false)
    private int busy;

    protected PoolOccupancyEntity() {}

    public PoolOccupancyEntity(
            String id, OffsetDateTime sampledAt, String member, int booting, int warming, int idle, int busy) {
        this.id = id;
        this.sampledAt = sampledAt;
        this.member = member;
        this.booting = booting;
        this.warming = warming;
        this.idle = idle;
        this.busy = busy;
    }

    public OffsetDateTime sampledAt() {
        return sampledAt;
    }

    public String member() {
        return member;
    }

    public int booting() {
        return booting;
    }

    public int warming() {
        return warming;
    }

    public int idle() {
        return idle;
    }

    public int busy() {
        return busy;
    }
}
