package dev.hearth.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** One entry of a function owner's key-value store: a JSON value under a key. */
@Entity
@Table(name = "hearth_kv_entry")
@IdClass(KeyValueEntity.Key.class)
public class KeyValueEntity {

    @Id
    @Column(name = "owner_name", length = 255)
    private String owner;

    @Id
    @Column(name = "entry_key", length = 255)
    private String key;

    @Lob
    @Column(name = "entry_value", nullable = false)
    private String value;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected KeyValueEntity() {}

    public KeyValueEntity(String owner, String key, String value, OffsetDateTime updatedAt) {
        this.owner = owner;
        this.key = key;
        this.value = value;
        this.updatedAt = updatedAt;
    }

    public void update(String newValue, OffsetDateTime at) {
        value = newValue;
        updatedAt = at;
    }

    public String owner() {
        return owner;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    /** The primary key: owner and key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String owner;
        private String key;

        public Key() {}

        public Key(String owner, String key) {
            this.owner = owner;
            this.key = key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Objects.equals(owner, k.owner) && Objects.equals(key, k.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, key);
        }
    }
}
