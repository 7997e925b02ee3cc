package dev.hearth.scheduler.application;

import dev.hearth.persistence.InvocationRecordEntity;
import java.util.List;

/** Log lines and metric samples that invocations sent to the auxiliary services. */
public interface InvocationRecordRepository {

    void add(InvocationRecordEntity record);

    /** An activation's records of one kind, oldest first. */
    List<InvocationRecordEntity> ofActivation(String activationId, String kind);

    /** The metrics of the function with this identity: per name, count, sum, min, max and a unit. */
    List<AuxiliaryService.MetricView> metricsOf(String functionId);

    /** Deletes every log line and metric sample of the function with this identity. */
    void removeOfFunction(String functionId);
}
