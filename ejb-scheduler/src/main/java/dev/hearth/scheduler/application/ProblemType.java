package dev.hearth.scheduler.application;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every kind of problem the API reports: its RFC 9457 type URI, title and HTTP status, and how long
 * a client should wait before it tries again where a retry may help. The web layer renders a
 * {@link HearthException} of a type as this row says, whoever threw it.
 */
public enum ProblemType {
    INVALID_CODE("invalid-code", "Invalid code archive", 400),
    INVALID_EVENT("invalid-event", "Invalid invocation event", 400),
    POLICY_OVERRIDE_REFUSED("policy-override-refused", "Policy override refused", 400),
    INVALID_REQUEST("invalid-request", "Invalid request", 400),
    INVALID_SECRET("invalid-secret", "Invalid secret", 400),
    INVALID_SETTINGS("invalid-settings", "Invalid settings", 400),
    /** A bad schedule name, cron expression or time zone, or one schedule too many. */
    INVALID_SCHEDULE("invalid-schedule", "Invalid schedule", 400),
    /** A bulk job's data set that is malformed or hostile (an archive Hearth does not unpack). */
    INVALID_DATA_SET("invalid-data-set", "Invalid data set", 400),
    /** A deferred run (async, scheduled, in a job) of a function whose credential needs its caller's token. */
    CREDENTIAL_NEEDS_CALLER("credential-needs-caller", "The function needs its caller's credential", 400),
    /** A missing, invalid or expired token, or an invocation credential that is not live. */
    UNAUTHENTICATED("unauthenticated", "Authentication required", 401),
    ACCESS_DENIED("access-denied", "Access denied", 403),
    FUNCTION_NOT_FOUND("function-not-found", "Function not found", 404),
    SECRET_NOT_FOUND("secret-not-found", "Secret not found", 404),
    SCHEDULE_NOT_FOUND("schedule-not-found", "Schedule not found", 404),
    ACTIVATION_NOT_FOUND("activation-not-found", "Activation not found", 404),
    DEAD_LETTER_NOT_FOUND("dead-letter-not-found", "Dead letter not found", 404),
    INSTANCE_NOT_FOUND("instance-not-found", "Instance not found", 404),
    HOST_NOT_FOUND("host-not-found", "Host not found", 404),
    ARCHIVE_NOT_FOUND("archive-not-found", "Archive not found", 404),
    JOB_EXECUTION_NOT_FOUND("job-execution-not-found", "Job execution not found", 404),
    JOB_NOT_FOUND("job-not-found", "Job not found", 404),
    /** Stopping a job that does not run (on this member), restarting one that runs or is complete. */
    JOB_STATE_CONFLICT("job-state-conflict", "The job's state does not allow this", 409),
    /**
     * A new function, key-value key or secret past its owner's most ({@code Limits}): deleting one
     * makes room, waiting does not, hence no 429.
     */
    QUOTA_EXCEEDED("quota-exceeded", "The owner has as many as they may", 409),
    /**
     * The function was redeployed or deleted while the invocation started, and the code package it
     * read is gone: invoking it again runs its code now, if any.
     */
    FUNCTION_CHANGED("function-changed", "The function changed while the invocation started", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    /** The invocation waited its turn in vain; running ones end soon. */
    TOO_MANY_REQUESTS("too-many-requests", "Too many concurrent invocations", 429, 1),
    /** The caller's async invocations fill its share of the queue; they end as workers run them. */
    ASYNC_QUEUE_FULL("async-queue-full", "Too many async invocations queued", 429, 10),
    /** No retry-after: the invocation sent all the log lines (or metric samples) it may. */
    RECORDS_FULL("records-full", "The invocation sent all the records it may", 429),
    INTERNAL_ERROR("internal-error", "Internal server error", 500),
    HOST_UNAVAILABLE("host-unavailable", "Host unavailable", 502),
    /** The pools refill in the background, so a retry may well succeed. */
    CAPACITY_EXHAUSTED("capacity-exhausted", "No capacity", 503, 1),
    /**
     * The member holds as many request bodies or unread answers as it may at once, or as many of the
     * caller's; bodies are read within seconds, answers as their clients read them (docs/adr/0056).
     */
    SERVER_BUSY("server-busy", "Server busy", 503, 1),
    /** As many data sets as Payara reads at once are being read; one finishes within seconds. */
    DATA_SETS_BUSY("data-sets-busy", "Too many data sets being read", 503, 5),
    /** No retry-after: no host offers what the function needs until an admin adds one. */
    NOT_OFFERED("not-offered", "No host offers what the function needs", 503),
    /** Keycloak could not mint an invocation's credential: a plain 503 ({@code about:blank}). */
    IDENTITY_PROVIDER_UNAVAILABLE(null, null, 503),
    /**
     * RFC 9457's default, {@code about:blank}: no more semantics than the HTTP status of the error
     * it describes (a path, method or media type JAX-RS refused), whose reason phrase is its title.
     */
    HTTP_STATUS(null, null, 0);

    private static final String BASE = "https://hearth.dev/problems/";

    private final URI uri;
    private final String title;
    private final int status;
    private final int retryAfterSeconds;

    ProblemType(String slug, String title, int status) {
        this(slug, title, status, 0);
    }

    ProblemType(String slug, String title, int status, int retryAfterSeconds) {
        this.uri = URI.create(slug == null ? "about:blank" : BASE + slug);
        this.title = title;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public URI uri() {
        return uri;
    }

    /** Empty for {@code about:blank}, whose title is the status's reason phrase. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** The HTTP status; 0 for {@link #HTTP_STATUS}, which takes the status of the error it describes. */
    public int status() {
        return status;
    }

    /** How long a client should wait before it tries again, when a retry may help. */
    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds == 0 ? OptionalInt.empty() : OptionalInt.of(retryAfterSeconds);
    }
}
