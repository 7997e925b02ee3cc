package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;
import java.util.List;
import java.util.Optional;

/**
 * The auxiliary services that a trusted portion calls with its invocation credential: a log sink
 * and a metrics sink attached to the invocation, and a key-value store per function owner. Each
 * call is checked against the credential's binding: minted by Hearth, still held by a running
 * invocation (of that function, where one is named), by the user it was minted for, with the scope.
 * The read side ({@link #logs}, {@link #metrics}) is for whoever may manage the function.
 */
public interface AuxiliaryService {

    String AUDIENCE = "hearth-aux";
    String LOGS_WRITE = "logs:write";
    String METRICS_WRITE = "metrics:write";
    String KV_READ = "kv:read";
    String KV_WRITE = "kv:write";

    /** A structured log line: level, message and fields (JSON text of an object, or null). */
    record LogLine(String level, String message, String fieldsJson) {}

    /** One sample of a custom metric. */
    record MetricSample(String name, double value, String unit) {}

    /** A logged line as its owner reads it. */
    record LogLineView(String recordedAt, String level, String message, String fieldsJson) {}

    /** A custom metric of a function, over the samples of its activations not yet archived. */
    record MetricView(String name, long count, double sum, double min, double max, String unit) {}

    /**
     * @throws HearthException UNAUTHENTICATED: not a live invocation credential of this invocation
     * @throws HearthException ACCESS_DENIED: the credential lacks {@code logs:write}
     * @throws HearthException RECORDS_FULL: the lines would take the invocation past {@code
     *     Limits.MAX_RECORDS_PER_INVOCATION}
     */
    void appendLogs(AuxCredential credential, String invocationId, List<LogLine> lines);

    /** Like {@link #appendLogs}, with {@code metrics:write}. */
    void recordMetrics(AuxCredential credential, String invocationId, List<MetricSample> samples);

    /** The function owner's entry, JSON text; needs {@code kv:read}. */
    Optional<String> get(AuxCredential credential, String key);

    /** Needs {@code kv:write}; returns whether the key was new. */
    boolean put(AuxCredential credential, String key, String json);

    /** Needs {@code kv:write}; returns whether there was such a key. */
    boolean delete(AuxCredential credential, String key);

    /** The structured lines an activation's trusted portion logged. */
    List<LogLineView> logs(Caller caller, String activationId);

    /** A function's custom metrics, by name. */
    List<MetricView> metrics(Caller caller, String functionName);
}
