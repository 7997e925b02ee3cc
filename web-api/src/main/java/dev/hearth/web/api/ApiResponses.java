package dev.hearth.web.api;

/** Texts that several operations' OpenAPI descriptions share. */
final class ApiResponses {

    /** A caller's share of the async queue is full (hearth.async.max-events-per-caller). */
    static final String ASYNC_QUEUE_FULL = "The caller has as many async invocations queued, running or dead in"
            + " their own functions' dead-letter stores as one caller may (async-queue-full, with Retry-After);"
            + " more are accepted as they end or dead letters are deleted";

    /** A large body found no room in what the member holds at once (ADR 54). */
    static final String SERVER_BUSY = "the member holds as many large request bodies as it may at once, or as"
            + " many of the caller's (server-busy, with Retry-After)";

    /** A large document found no room among the answers the member holds at once (ADR 56). */
    static final String ANSWERS_BUSY = "The member holds as many large answers not yet read by their clients as it"
            + " may at once, or as many of the caller's; retry once they are read (server-busy, with Retry-After)";

    static final String UNAUTHENTICATED = "No valid bearer token";
    static final String FORBIDDEN = "The caller's roles or ownership do not allow this";
    static final String UNEXPECTED = "The server failed to answer; the problem's errorId names its log entry";
    static final String FUNCTION_NOT_FOUND = "No such function, or not visible to the caller";

    /** A record DTO's body, which {@link WholeJsonBodies} reads whole first. */
    static final String JSON_BODY_TOO_LARGE = "Body larger than " + (WholeJsonBodies.MAX_BYTES >> 20) + " MiB";

    private ApiResponses() {}
}
