package dev.hearth.persistence;

import dev.hearth.domain.rules.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A structured log line or a custom metric sample that an invocation's trusted portion sent to the
 * auxiliary services, attached to the invocation's activation and function (its identity, {@code
 * functionId}); it goes when its activation is archived or its function deleted. {@code kind} is {@code
 * log} (name = level, text = message, detail = the fields as JSON) or {@code metric} (name, value,
 * text = unit).
 */
@Entity
@Table(
        name = "hearth_invocation_record",
        indexes = {
            @Index(name = "ix_invocation_record_activation", columnList = "activation_id, kind, recorded_at"),
            @Index(name = "ix_invocation_record_function", columnList = "function_name, kind"),
            @Index(name = "ix_invocation_record_function_id", columnList = "function_id, kind")
        })
@NamedQuery(
        name = InvocationRecordEntity.BY_ACTIVATION,
        query = "SELECT r FROM InvocationRecordEntity r WHERE r.activationId = :activationId AND r.kind = :kind"
                + " ORDER BY r.recordedAt, r.id")
@NamedQuery(
        name = InvocationRecordEntity.COUNT_OF_ACTIVATION,
        query = "SELECT COUNT(r) FROM InvocationRecordEntity r WHERE r.activationId = :activationId"
                + " AND r.kind = :kind")
@NamedQuery(
        name = InvocationRecordEntity.METRICS_OF_FUNCTION,
        query = "SELECT r.name, COUNT(r), SUM(r.value), MIN(r.value), MAX(r.value), MAX(r.text)"
                + " FROM InvocationRecordEntity r WHERE r.functionId = :functionId"
                + " AND r.kind = 'metric' GROUP BY r.name ORDER BY r.name")
@NamedQuery(
        name = InvocationRecordEntity.REMOVE_OF_FUNCTION,
        query = "DELETE FROM InvocationRecordEntity r WHERE r.functionId = :functionId")
@NamedQuery(
        name = InvocationRecordEntity.REMOVE_OF_ACTIVATIONS,
        query = "DELETE FROM InvocationRecordEntity r WHERE r.activationId IN :activationIds")
public class InvocationRecordEntity {

    public static final String BY_ACTIVATION = "InvocationRecordEntity.byActivation";
    public static final String COUNT_OF_ACTIVATION = "InvocationRecordEntity.countOfActivation";
    public static final String METRICS_OF_FUNCTION = "InvocationRecordEntity.metricsOfFunction";
    public static final String REMOVE_OF_FUNCTION = "InvocationRecordEntity.removeOfFunction";
    public static final String REMOVE_OF_ACTIVATIONS = "InvocationRecordEntity.removeOfActivations";
    public static final String LOG = "log";
    public static final String METRIC = "metric";
    public static final int MAX_TEXT = 4096;

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "kind", nullable = false, length = 8)
    private String kind;

    @Column(name = "activation_id", nullable = false, length = 36)
    private String activationId;

    /** Null only in rows written before functions had an identity (see FunctionEntity). */
    @Column(name = "function_id", length = 36)
    private String functionId;

    @Column(name = "function_name", nullable = false, length = Limits.MAX_FUNCTION_NAME_CHARS)
    private String functionName;

    @Column(name = "owner_name", nullable = false, length = 255)
    private String owner;

    @Column(name = "recorded_at", nullable = false)
    private OffsetDateTime recordedAt;

    @Column(name = "record_name", nullable = false, length = 128)
    private String name;

    @Column(name = "record_value")
    private Double value;

    @Column(name = "record_text", length = MAX_TEXT)
    private String text;

    @Column(name = "record_detail", length = MAX_TEXT)
    private String detail;

    protected InvocationRecordEntity() {}

    public InvocationRecordEntity(
            String id,
            String kind,
            String activationId,
            String functionId,
            String functionName,
            String owner,
            OffsetDateTime recordedAt,
            String name,
            Double value,
            String text,
            String detail) {
        this.id = id;
        this.kind = kind;
        this.activationId = activationId;
        this.functionId = functionId;
        this.functionName = functionName;
        this.owner = owner;
        this.recordedAt = recordedAt;
        this.name = name;
        this.value = value;
        this.text = text;
        this.detail = detail;
    }

    public String activationId() {
        return activationId;
    }

    public String owner() {
        return owner;
    }

    public OffsetDateTime recordedAt() {
        return recordedAt;
    }

    public String name() {
        return name;
    }

    public Double value() {
        return value;
    }

    public String text() {
        return text;
    }

    public String detail() {
        return detail;
    }
}
