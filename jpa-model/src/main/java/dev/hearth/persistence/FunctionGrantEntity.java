package dev.hearth.persistence;

import dev.hearth.domain.rules.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The right to invoke a function, granted by its owner to a principal: {@code user:NAME} or {@code
 * role:NAME} (a realm role). It belongs to the function's identity ({@code functionId}), so that it
 * lapses when the function is deleted, whoever deploys the name next.
 */
@Entity
@Table(name = "hearth_function_grant")
@IdClass(FunctionGrantEntity.Key.class)
@NamedQuery(
        name = FunctionGrantEntity.BY_FUNCTION,
        query = "SELECT g FROM FunctionGrantEntity g WHERE g.functionId = :functionId ORDER BY g.principal")
@NamedQuery(
        name = FunctionGrantEntity.REMOVE_OF_FUNCTION,
        query = "DELETE FROM FunctionGrantEntity g WHERE g.functionId = :functionId")
public class FunctionGrantEntity {

    public static final String BY_FUNCTION = "FunctionGrantEntity.byFunction";
    public static final String REMOVE_OF_FUNCTION = "FunctionGrantEntity.removeOfFunction";

    @Id
    @Column(name = "function_name", length = Limits.MAX_FUNCTION_NAME_CHARS)
    private String functionName;

    @Id
    @Column(name = "principal", length = 300)
    private String principal;

    /** Null only in rows written before functions had an identity (see FunctionEntity). */
    @Column(name = "function_id", length = 36)
    private String functionId;

    @Column(name = "owner_name", nullable = false, length = 255)
    private String owner;

    @Column(name = "granted_by", nullable = false, length = 255)
    private String grantedBy;

    @Column(name = "granted_at", nullable = false)
    private OffsetDateTime grantedAt;

    protected FunctionGrantEntity() {}

    public FunctionGrantEntity(
            String functionName,
            String functionId,
            String principal,
            String owner,
            String grantedBy,
            OffsetDateTime grantedAt) {
        this.functionName = functionName;
        this.functionId = functionId;
        this.principal = principal;
        this.owner = owner;
        this.grantedBy = grantedBy;
        this.grantedAt = grantedAt;
    }

    public String functionName() {
        return functionName;
    }

    public String functionId() {
        return functionId;
    }

    public String principal() {
        return principal;
    }

    public String owner() {
        return owner;
    }

    public String grantedBy() {
        return grantedBy;
    }

    public OffsetDateTime grantedAt() {
        return grantedAt;
    }

    /** The primary key: function and principal. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String functionName;
        private String principal;

        public Key() {}

        public Key(String functionName, String principal) {
            this.functionName = functionName;
            this.principal = principal;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(functionName, key.functionName)
                    && Objects.equals(principal, key.principal);
        }

        @Override
        public int hashCode() {
            return Objects.hash(functionName, principal);
        }
    }
}
