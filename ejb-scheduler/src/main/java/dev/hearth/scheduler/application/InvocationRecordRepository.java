package dev.hearth.scheduler.application;

import dev.hearth.persistence.InvocationRecordEntity;
import java.util.Collection;
import java.util.List;

/** Log lines and metric samples that invocations sent to the auxiliary services. */
public interface InvocationRecordRepository {

    /**
     * Adds records in the current transaction, which then commits without waiting for the disk
     * where the database allows: a database crash may lose its last moments' log lines and metric
     * samples (ADR 41).
     */
    void addAll(List<InvocationRecordEntity> records);

    /** An activation's records of one kind, oldest first, at most {@code most}. */
    List<InvocationRecordEntity> ofActivation(String activationId, String kind, int most);

    /** How many records of one kind an activation has. */
    long countOf(String activationId, String kind);

    /**
     * The metrics of the function with this identity: per name, count, sum, min, max and a unit; the
     * first {@code most} names.
     */
    List<AuxiliaryService.MetricView> metricsOf(String functionId, int most);

    /** Deletes every log line and metric sample of the function with this identity. */
    void removeOfFunction(String functionId);

    /** Deletes every log line and metric sample of these activations, however many they are. */
    void removeOfActivations(Collection<String> activationIds);
}
