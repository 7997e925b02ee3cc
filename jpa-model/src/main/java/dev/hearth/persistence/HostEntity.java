package dev.hearth.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A host an admin set apart: a draining host takes no new work, and stays so across restarts. */
@Entity
@Table(name = "hearth_host")
@NamedQuery(name = HostEntity.DRAINING, query = "SELECT h FROM HostEntity h WHERE h.draining = true")
public class HostEntity {

    public static final String DRAINING = "HostEntity.draining";

    @Id
    @Column(name = "host_id", length = 128)
    private String hostId;

    @Column(name = "draining", nullable = false)
    private boolean draining;

    protected HostEntity() {}

    public HostEntity(String hostId, boolean draining) {
        this.hostId = hostId;
        this.draining = draining;
    }

    public void drain(boolean nowDraining) {
        this.draining = nowDraining;
    }

    public String hostId() {
        return hostId;
    }

    public boolean draining() {
        return draining;
    }
}
