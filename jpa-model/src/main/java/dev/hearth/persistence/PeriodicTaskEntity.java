package dev.hearth.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A task every member's timer fires for, and the last period (slot) one of them ran it for. A
 * member runs the task only if its conditional update moves the slot forward: the row count says
 * which member won.
 */
@Entity
@Table(name = "hearth_periodic_task")
@NamedQuery(
        name = PeriodicTaskEntity.CLAIM,
        query = "UPDATE PeriodicTaskEntity t SET t.lastSlot = :slot WHERE t.name = :name AND t.lastSlot < :slot")
public class PeriodicTaskEntity {

    public static final String CLAIM = "PeriodicTaskEntity.claim";

    @Id
    @Column(name = "name", length = 64)
    private String name;

    @Column(name = "last_slot", nullable = false)
    private long lastSlot;

    protected PeriodicTaskEntity() {}

    public PeriodicTaskEntity(String name, long lastSlot) {
        this.name = name;
        this.lastSlot = lastSlot;
    }
}
