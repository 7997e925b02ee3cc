package dev.hearth.scheduler.application;

import dev.hearth.domain.rules.Limits;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/** The auxiliary services over the credential bindings and the record and key-value stores. */
@Stateless
public class DefaultAuxiliaryService implements AuxiliaryService {

    /** The metric names a function's metrics show at most, the first by name: every invocation may name new ones. */
    static final int MAX_METRIC_NAMES = 1_000;

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
        requireRoom(invocationId, InvocationRecordEntity.LOG, lines.size(), "log lines");
        // A microsecond apart (what the database keeps), so that the lines read back as they were sent.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        records.addAll(IntStream.range(0, lines.size())
                .mapToObj(i -> record(
                        binding,
                        invocationId,
                        now.plus(i, ChronoUnit.MICROS),
                        InvocationRecordEntity.LOG,
                        lines.get(i).level(),
                        null,
                        lines.get(i).message(),
                        lines.get(i).fieldsJson()))
                .toList());
    }

    @Override
    public void recordMetrics(AuxCredential credential, String invocationId, List<MetricSample> samples) {
        Binding binding = live(credential, invocationId, METRICS_WRITE);
        requireRoom(invocationId, InvocationRecordEntity.METRIC, samples.size(), "metric samples");
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

    /**
     * Refuses records that would take the invocation past its most ({@link
     * Limits#MAX_RECORDS_PER_INVOCATION} of a kind), all of them, so that what it keeps is what it
     * sent first. Requests under way at once may each pass the count before the others' records are
     * in, so that the most is passed by as many requests' records (100 each) as ran at once: through
     * the agent at most four per container, but a function may also hand its credential to a host of
     * its allow-list, which can call Payara's listener directly.
     */
    private void requireRoom(String invocationId, String kind, int adding, String what) {
        if (records.countOf(invocationId, kind) + adding > Limits.MAX_RECORDS_PER_INVOCATION) {
            throw new HearthException(
                    ProblemType.RECORDS_FULL,
                    "an invocation sends at most " + Limits.MAX_RECORDS_PER_INVOCATION + " " + what);
        }
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

    /**
     * Writes the value; a new key past the owner's most ({@link Limits#MAX_KEYS_PER_OWNER}) is
     * refused. Puts of new keys under way at once may each pass the count before the others' keys
     * are in, so that the most is passed by as many keys as puts ran at once.
     */
    @Override
    public boolean put(AuxCredential credential, String key, String json) {
        Binding binding = live(credential, null, KV_WRITE);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<KeyValueEntity> existing = store.find(binding.owner(), key);
        if (existing.isEmpty() && store.countOf(binding.owner()) >= Limits.MAX_KEYS_PER_OWNER) {
            throw new HearthException(
                    ProblemType.QUOTA_EXCEEDED,
                    "the key-value store holds " + Limits.MAX_KEYS_PER_OWNER
                            + " keys, the most one owner may have; delete one to add another");
        }
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
        return records
                .ofActivation(activationId, InvocationRecordEntity.LOG, Limits.MAX_RECORDS_PER_INVOCATION)
                .stream()
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
        return records.metricsOf(function.functionId(), MAX_METRIC_NAMES);
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
