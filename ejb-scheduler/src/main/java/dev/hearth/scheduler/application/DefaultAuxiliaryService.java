package dev.hearth.scheduler.application;

import dev.hearth.persistence.FunctionEntity;
import dev.hearth.persistence.InvocationRecordEntity;
import dev.hearth.persistence.KeyValueEntity;
import dev.hearth.scheduler.application.CredentialBindings.Binding;
import dev.hearth.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The auxiliary services over the credential bindings and the record and key-value stores. */
@Stateless
public class DefaultAuxiliaryService implements AuxiliaryService {

    @Inject
    CredentialBindings bindings;

    @Inject
    FunctionRepository functions;

    @Inject
    InvocationRecordRepository records;

    @Inject
    ActivationRepository activations;

    @Inject
    KeyValueRepository store;

    @Override
    public void appendLogs(AuxCredential credential, String invocationId, List<LogLine> lines) {
        Binding binding = live(credential, invocationId, LOGS_WRITE);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        records.addAll(lines.stream()
                .map(line -> record(
                        binding,
                        invocationId,
                        now,
                        InvocationRecordEntity.LOG,
                        line.level(),
                        null,
                        line.message(),
                        line.fieldsJson()))
                .toList());
    }

    @Override
    public void recordMetrics(AuxCredential credential, String invocationId, List<MetricSample> samples) {
        Binding binding = live(credential, invocationId, METRICS_WRITE);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        records.addAll(samples.stream()
                .map(sample -> record(
                        binding,
                        invocationId,
                        now,
                        InvocationRecordEntity.METRIC,
                        sample.name(),
                        sample.value(),
                        sample.unit(),
                        null))
                .toList());
    }

    /** One record of the running invocation {@code binding} holds: a log line or a metric sample. */
    private static InvocationRecordEntity record(
            Binding binding,
            String invocationId,
            OffsetDateTime at,
            String kind,
            String name,
            Double value,
            String text,
            String detail) {
        return new InvocationRecordEntity(
                UUID.randomUUID().toString(),
                kind,
                invocationId,
                binding.functionId(),
                binding.functionName(),
                binding.owner(),
                at,
                name,
                value,
                text,
                detail);
    }

    @Override
    public Optional<String> get(AuxCredential credential, String key) {
        Binding binding = live(credential, null, KV_READ);
        return store.find(binding.owner(), key).map(KeyValueEntity::value);
    }

    @Override
    public boolean put(AuxCredential credential, String key, String json) {
        Binding binding = live(credential, null, KV_WRITE);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<KeyValueEntity> existing = store.find(binding.owner(), key);
        existing.ifPresentOrElse(
                entry -> entry.update(json, now), () -> store.add(new KeyValueEntity(binding.owner(), key, json, now)));
        return existing.isEmpty();
    }

    @Override
    public boolean delete(AuxCredential credential, String key) {
        Binding binding = live(credential, null, KV_WRITE);
        Optional<KeyValueEntity> existing = store.find(binding.owner(), key);
        existing.ifPresent(store::remove);
        return existing.isPresent();
    }

    @Override
    public List<LogLineView> logs(Caller caller, String activationId) {
        DefaultActivationService.readable(activations, caller, activationId)
                .orElseThrow(() -> DefaultActivationService.missing(activationId));
        return records.ofActivation(activationId, InvocationRecordEntity.LOG).stream()
                .map(Views::logLine)
                .toList();
    }

    @Override
    public List<MetricView> metrics(Caller caller, String functionName) {
        Access.requireDeveloperOrAdmin(caller, "read metrics");
        FunctionEntity function = functions
                .find(functionName)
                .filter(f -> caller.mayManage(f.owner()))
                .orElseThrow(() ->
                        new HearthException(ProblemType.FUNCTION_NOT_FOUND, "no function '" + functionName + "'"));
        return records.metricsOf(function.functionId());
    }

    /**
     * The credential's binding, when the credential is a live invocation credential for the user it
     * was minted for, held by {@code invocationId} (or any of its invocations when null), with
     * {@code scope}.
     */
    private Binding live(AuxCredential credential, String invocationId, String scope) {
        Instant now = Instant.now();
        if (!credential.audience().contains(AUDIENCE) || !now.isBefore(credential.expiresAt())) {
            throw new HearthException(
                    ProblemType.UNAUTHENTICATED, "not an invocation credential for " + AUDIENCE + ", or expired");
        }
        Binding binding = bindings.find(credential.id())
                .filter(b -> b.user().equals(credential.username()))
                .orElseThrow(() -> new HearthException(
                        ProblemType.UNAUTHENTICATED, "this token was not minted for an invocation"));
        if (!binding.activeAt(now, invocationId)) {
            throw new HearthException(
                    ProblemType.UNAUTHENTICATED,
                    invocationId == null
                            ? "the invocations this credential was minted for are over"
                            : "this credential does not belong to a running invocation '" + invocationId + "'");
        }
        if (!credential.scopes().contains(scope) || !binding.scopes().contains(scope)) {
            throw new HearthException(ProblemType.ACCESS_DENIED, "this credential lacks scope " + scope);
        }
        return binding;
    }
}
