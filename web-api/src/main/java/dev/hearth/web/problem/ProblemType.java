package dev.hearth.web.problem;

import java.net.URI;
import java.util.Optional;

/** The kinds of problem the API reports, each with a stable type URI and a title. */
public enum ProblemType {
    INVALID_CODE("invalid-code", "Invalid code archive"),
    INVALID_EVENT("invalid-event", "Invalid invocation event"),
    POLICY_OVERRIDE_REFUSED("policy-override-refused", "Policy override refused"),
    INVALID_REQUEST("invalid-request", "Invalid request"),
    UNAUTHENTICATED("unauthenticated", "Authentication required"),
    ACCESS_DENIED("access-denied", "Access denied"),
    FUNCTION_NOT_FOUND("function-not-found", "Function not found"),
    INVALID_SECRET("invalid-secret", "Invalid secret"),
    SECRET_NOT_FOUND("secret-not-found", "Secret not found"),
    ACTIVATION_NOT_FOUND("activation-not-found", "Activation not found"),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    CAPACITY_EXHAUSTED("capacity-exhausted", "No capacity"),
    NOT_OFFERED("not-offered", "No host offers what the function needs"),
    TOO_MANY_REQUESTS("too-many-requests", "Too many concurrent invocations"),
    INSTANCE_NOT_FOUND("instance-not-found", "Instance not found"),
    HOST_NOT_FOUND("host-not-found", "Host not found"),
    INVALID_SETTINGS("invalid-settings", "Invalid settings"),
    HOST_UNAVAILABLE("host-unavailable", "Host unavailable"),
    INTERNAL_ERROR("internal-error", "Internal server error"),
    /** RFC 9457's default: no more semantics than the HTTP status; the title is its reason phrase. */
    HTTP_STATUS(null, null);

    private static final String BASE = "https://hearth.dev/problems/";

    private final URI uri;
    private final String title;

    ProblemType(String slug, String title) {
        this.uri = URI.create(slug == null ? "about:blank" : BASE + slug);
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public Optional<String> title() {
        return Optional.ofNullable(title);
    }
}
