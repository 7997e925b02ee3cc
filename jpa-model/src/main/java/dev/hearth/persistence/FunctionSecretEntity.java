package dev.hearth.persistence;

import dev.hearth.domain.rules.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A secret of a function, encrypted: {@code sealed} holds the value as the secret cipher sealed
 * it, never the value itself. It names the owner who set it, so that it lapses when the function
 * is deleted and the name is taken by someone else. {@code version} counts its values (a rotation
 * is a new one).
 */
@Entity
@Table(name = "hearth_function_secret")
@IdClass(FunctionSecretEntity.Key.class)
@NamedQuery(
        name = FunctionSecretEntity.BY_FUNCTION,
        query = "SELECT s FROM FunctionSecretEntity s WHERE s.functionName = :functionName"
                + " AND s.owner = :owner ORDER BY s.secretName")
@NamedQuery(
        name = FunctionSecretEntity.REMOVE_OF_FUNCTION,
        query = "DELETE FROM FunctionSecretEntity s WHERE s.functionName = :functionName")
public class FunctionSecretEntity {

    public static final String BY_FUNCTION = "FunctionSecretEntity.byFunction";
    public static final String REMOVE_OF_FUNCTION = "FunctionSecretEntity.removeOfFunction";

    @Id
    @Column(name = "function_name", length = Limits.MAX_FUNCTION_NAME_CHARS)
    private String functionName;

    @Id
    @Column(name = "secret_name", length = Limits.MAX_SECRET_NAME_CHARS)
    private String secretName;

    @Column(name = "owner_name", nullable = false, length = 255)
    private String owner;

    @Lob
    @Column(name = "sealed_value", nullable = false)
    private byte[] sealed;

    @Column(name = "value_version", nullable = false)
    private int version;

    @Column(name = "updated_by", nullable = false, length = 255)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected FunctionSecretEntity() {}

    public FunctionSecretEntity(String functionName, String secretName, String owner) {
        this.functionName = functionName;
        this.secretName = secretName;
        this.owner = owner;
    }

    /** Takes a new value (sealed), one version up. */
    public void seal(byte[] sealedValue, String by, OffsetDateTime at) {
        this.sealed = sealedValue.clone();
        this.version++;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    public String functionName() {
        return functionName;
    }

    public String secretName() {
        return secretName;
    }

    public String owner() {
        return owner;
    }

    public byte[] sealed() {
        return sealed.clone();
    }

    public int version() {
        return version;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    /** The primary key: function and secret name. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String functionName;
        private String secretName;

        public Key() {}

        public Key(String functionName, String secretName) {
            this.functionName = functionName;
            this.secretName = secretName;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(functionName, key.functionName)
                    && Objects.equals(secretName, key.secretName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(functionName, secretName);
        }
    }
}
