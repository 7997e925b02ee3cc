package dev.hearth.persistence;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * An {@code Idempotency-Key} of an accepted async invocation, remembered for 24 hours. The key
 * ({@code id}) is a digest of caller, function identity and the caller's key, so that two members
 * accepting the same request at once collide on the primary key.
 */
@Entity
@Cacheable(false)
@Table(
        name = "hearth_async_idempotency",
        indexes = {@Index(name = "ix_async_idempotency_accepted", columnList = "accepted_at")})
@NamedQuery(
        name = AsyncIdempotencyKeyEntity.REMOVE_BEFORE,
        query = "DELETE FROM AsyncIdempotencyKeyEntity k WHERE k.acceptedAt < :before")
@NamedQuery(
        name = AsyncIdempotencyKeyEntity.REMOVE_OF_FUNCTION,
        query = "DELETE FROM AsyncIdempotencyKeyEntity k WHERE k.functionId = :functionId")
public class AsyncIdempotencyKeyEntity {

    public static final String REMOVE_BEFORE = "AsyncIdempotencyKeyEntity.removeBefore";
    public static final String REMOVE_OF_FUNCTION = "AsyncIdempotencyKeyEntity.removeOfFunction";

    @Id
    @Column(name = "id", length = 64)
    private String id;

    @Column(name = "function_id", nullable = false, length = 36)
    private String functionId;

    @Column(name = "activation_id", nullable = false, length = 36)
    private String activationId;

    /** Epoch milliseconds. */
    @Column(name = "accepted_at", nullable = false)
    private long acceptedAt;

    protected AsyncIdempotencyKeyEntity() {}

    public AsyncIdempotencyKeyEntity(String id, String functionId, String activationId, long acceptedAt) {
        this.id = id;
        this.functionId = functionId;
        this.activationId = activationId;
        this.acceptedAt = acceptedAt;
    }

    public String activationId() {
        return activationId;
    }

    public long acceptedAt() {
        return acceptedAt;
    }
}
