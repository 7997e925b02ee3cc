package dev.hearth.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How many days activation records are kept before they are archived, one row ({@link #ID}). */
@Entity
@Table(name = "hearth_retention_settings")
public class RetentionSettingsEntity {

    public static final String ID = "fleet";

    @Id
    @Column(name = "id", length = 16)
    private String id;

    @Column(name = "activation_retention_days", nullable = false)
    private int activationRetentionDays;

    protected RetentionSettingsEntity() {}

    public RetentionSettingsEntity(int activationRetentionDays) {
        this.id = ID;
        this.activationRetentionDays = activationRetentionDays;
    }

    public void change(int newActivationRetentionDays) {
        this.activationRetentionDays = newActivationRetentionDays;
    }

    public int activationRetentionDays() {
        return activationRetentionDays;
    }
}
