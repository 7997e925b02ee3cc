package dev.hearth.web.problem;

import dev.hearth.scheduler.application.ProblemType;

/**
 * Problems for errors that carry nothing but an HTTP status: raised by JAX-RS (no such path, wrong
 * method or media type, a role check) or by the container (an invalid token). Their details are
 * fixed texts, never the exception's message, which may name server internals.
 */
final class HttpStatusProblems {

    /** RFC 6750: a 401 tells the client which scheme to use. */
    static final String BEARER_CHALLENGE = "Bearer realm=\"hearth\"";

    private HttpStatusProblems() {}

    static Problem of(int status, String instance) {
        return switch (status) {
            case 401 -> new Problem(
                    ProblemType.UNAUTHENTICATED,
                    status,
                    "Send a valid, unexpired bearer token from the Hearth realm in the Authorization header.",
                    instance);
            case 403 -> new Problem(
                    ProblemType.ACCESS_DENIED, status, "Your roles do not allow this operation.", instance);
            case 404 -> new Problem(ProblemType.HTTP_STATUS, status, "Nothing is served at this path.", instance);
            case 405 -> new Problem(
                    ProblemType.HTTP_STATUS, status, "This resource does not allow this method; see Allow.", instance);
            case 406 -> new Problem(
                    ProblemType.HTTP_STATUS,
                    status,
                    "This resource cannot produce any of the media types in Accept.",
                    instance);
            case 413 -> new Problem(ProblemType.PAYLOAD_TOO_LARGE, status, "The request body is too large.", instance);
            case 415 -> new Problem(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    status,
                    "This resource does not accept the request's Content-Type.",
                    instance);
            default -> new Problem(
                    status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.HTTP_STATUS, status, null, instance);
        };
    }
}
