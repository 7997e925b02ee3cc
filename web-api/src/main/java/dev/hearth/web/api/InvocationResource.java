package dev.hearth.web.api;

import static dev.hearth.web.api.ApiResponses.FUNCTION_NOT_FOUND;

import dev.hearth.domain.function.LogDestination;
import dev.hearth.domain.function.PolicyOverride;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.domain.rules.Limits;
import dev.hearth.scheduler.application.AsyncInvocationService;
import dev.hearth.scheduler.application.DestinationGuards;
import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.InvocationService;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("functions/{name}/invocations")
@RequestScoped
@Tag(name = "invocations")
public class InvocationResource {

    static final String ACTIVATION_ID = "Hearth-Activation-Id";
    static final String START_KIND = "Hearth-Start-Kind";
    static final String LOG_ENDPOINT = "Hearth-Log-Endpoint";
    static final String LOG_AUTHORIZATION = "Hearth-Log-Authorization";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Inject
    private InvocationService invocations;

    @Inject
    private Caller caller;

    @Inject
    private DestinationGuards guards;

    /**
     * Looked up only for an async invocation: injected, the EJB's reference was made for every
     * request, 2 % of Payara's CPU on the warm path (docs/performance.md).
     */
    @Inject
    private Instance<AsyncInvocationService> async;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.DEVELOPER, Role.ADMIN, Role.INVOKER})
    @Operation(
            operationId = "invokeFunction",
            summary = "Invoke a function",
            description = "Runs the function once with the request body as its event and waits for the result;"
                    + " with Prefer: respond-async it queues the invocation instead and answers 202 at once (see"
                    + " README \"Async invocations\": retried on failure, run at least once, possibly more often)."
                    + " The answer is 200 whenever the function ran, also when it failed: then status is not"
                    + " success and result holds the runtime's error report. Errors of Hearth itself (no"
                    + " capacity, host unreachable) are problem details. The query may narrow the function's"
                    + " security policy for this invocation (less memory, time, processes, /tmp, CPU or egress),"
                    + " never widen it.")
    @RequestBody(
            required = true,
            description = "The event: one JSON value in UTF-8, at most 1 MiB; an empty body stands for {}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(
            responseCode = "200",
            description = "The function ran; see status",
            headers = {
                @Header(name = ACTIVATION_ID, required = true, description = "Identifier of the activation record"),
                @Header(name = START_KIND, required = true, description = "warm, reloaded, warming-pool or cold")
            },
            content = @Content(schema = @Schema(implementation = InvocationResult.class)))
    @APIResponse(
            responseCode = "202",
            description = "Prefer: respond-async: the invocation is queued durably; follow its activation (queued,"
                    + " running, then its outcome, with the function's result). A repeated Idempotency-Key answers the"
                    + " invocation queued first.",
            headers = {
                @Header(name = HttpHeaders.LOCATION, required = true, description = "The activation"),
                @Header(name = Preferences.PREFERENCE_APPLIED, required = true, description = "respond-async")
            },
            content = @Content(schema = @Schema(implementation = AsyncAcceptedDto.class)))
    @APIResponse(
            responseCode = "400",
            description = "The event is not JSON (or not UTF-8), the query asks for more than the function's"
                    + " policy allows, or the log endpoint is not usable; asynchronously: a query or log endpoint"
                    + " given (they are for synchronous invocations), an Idempotency-Key that is not 1 to 128"
                    + " printable ASCII characters, or a function whose trusted portion needs its caller's credential"
                    + " (credential-needs-caller)")
    @APIResponse(responseCode = "404", description = FUNCTION_NOT_FOUND)
    @APIResponse(
            responseCode = "409",
            description = "The function was redeployed or deleted while the invocation started"
                    + " (function-changed); invoking it again runs its code now")
    @APIResponse(responseCode = "413", description = "Event larger than 1 MiB")
    @APIResponse(
            responseCode = "429",
            description = "The caller's invocations under way are at their limit and none ended in time"
                    + " (too-many-requests, with Retry-After); asynchronously: "
                    + ApiResponses.ASYNC_QUEUE_FULL)
    @APIResponse(responseCode = "502", description = "The host agent failed or could not be reached")
    @APIResponse(
            responseCode = "503",
            description = "No instance available now (capacity-exhausted, with Retry-After), or no host that"
                    + " takes work offers the function's runtime with its isolation (not-offered, without"
                    + " Retry-After: retrying does not help until an admin adds such a host), or an event over"
                    + " 64 KiB waits: " + ApiResponses.SERVER_BUSY + "; or, before the function runs, the caller's"
                    + " large answers not yet read by their clients fill the caller's share, or the member's answers"
                    + " its budget (server-busy, with Retry-After): read them, then retry. An answer is never"
                    + " refused once the function ran",
            headers =
                    @Header(
                            name = HttpHeaders.RETRY_AFTER,
                            description = "Seconds to wait; only when capacity is merely exhausted or the server busy"))
    public Response invoke(
            @PathParam("name") String name,
            @Parameter(description = "Less memory than the function's policy allows, in MiB") @QueryParam("memoryMb")
                    String memoryMb,
            @Parameter(description = "A shorter timeout than the function's policy allows") @QueryParam("timeoutMillis")
                    String timeoutMillis,
            @Parameter(description = "Fewer processes than the function's policy allows") @QueryParam("maxProcesses")
                    String maxProcesses,
            @Parameter(description = "A smaller /tmp than the function's policy allows, in MiB") @QueryParam("tmpMb")
                    String tmpMb,
            @Parameter(description = "A smaller CPU share than the function's policy allows, in percent of a core")
                    @QueryParam("cpuPercent")
                    String cpuPercent,
            @Parameter(
                            description = "Repeatable: a subset of the function's egress allow-list (host:port),"
                                    + " or none")
                    @QueryParam("egress")
                    List<String> egress,
            @Parameter(
                            description = "Your own logging endpoint (http or https; not Hearth's host, loopback,"
                                    + " link-local or a private network the admin did not allow, in any address"
                                    + " notation: 400 otherwise): once the invocation has run, Hearth posts"
                                    + " {activation, lines} there, to the address it checked, following no redirects;"
                                    + " only what the caller may read through the API: the function's owner (or an"
                                    + " admin) the whole activation with its log tail and lines, anyone else what"
                                    + " this answer holds and no logs")
                    @HeaderParam(LOG_ENDPOINT)
                    String logEndpoint,
            @Parameter(description = "The Authorization header value your logging endpoint wants; never stored")
                    @HeaderParam(LOG_AUTHORIZATION)
                    String logAuthorization,
            @Parameter(
                            description = "respond-async queues the invocation and answers 202 at once; other"
                                    + " preferences are ignored")
                    @HeaderParam(Preferences.PREFER)
                    List<String> prefer,
            @Parameter(
                            description = "With respond-async: the same caller, function and key within 24 hours"
                                    + " answer the invocation queued first instead of queuing another (1 to 128"
                                    + " printable ASCII characters); ignored without respond-async")
                    @HeaderParam(IDEMPOTENCY_KEY)
                    String idempotencyKey,
            @Context HttpHeaders headers,
            @Context UriInfo uri,
            InputStream body)
            throws IOException {
        if (Preferences.respondAsync(prefer)) {
            if (!uri.getQueryParameters().isEmpty() || logEndpoint != null || logAuthorization != null) {
                throw new HearthException(
                        ProblemType.INVALID_REQUEST,
                        "An async invocation runs with the function's own policy and ships no logs: the query and "
                                + LOG_ENDPOINT + " are for synchronous invocations.");
            }
            String event = RequestBodies.eventText(
                    RequestBodies.readAtMost(body, headers.getLength(), Limits.MAX_EVENT_BYTES, "The event"));
            return Response.fromResponse(accepted(
                            async.get()
                                    .enqueue(caller, name, event, idempotencyKey)
                                    .activationId(),
                            uri))
                    .header(Preferences.PREFERENCE_APPLIED, Preferences.RESPOND_ASYNC)
                    .build();
        }
        PolicyOverride override =
                PolicyOverrideParams.parse(memoryMb, timeoutMillis, maxProcesses, tmpMb, cpuPercent, egress);
        RequestMemory.requireAnswerRoom();
        String event = RequestBodies.eventText(
                RequestBodies.readAtMost(body, headers.getLength(), Limits.MAX_EVENT_BYTES, "The event"));
        InvocationResult result = InvocationResult.from(
                invocations.invoke(caller, name, event, override, logDestination(logEndpoint, logAuthorization)));
        return Response.ok(JsonTextBodies.held(result))
                .header(ACTIVATION_ID, result.activationId())
                .header(START_KIND, result.startKind())
                .build();
    }

    /** 202 with the activation that reports the queued invocation. */
    static Response accepted(String activationId, UriInfo uri) {
        return Response.accepted(AsyncAcceptedDto.queued(activationId))
                .location(uri.getBaseUriBuilder().path("activations/{id}").build(activationId))
                .build();
    }

    private LogDestination logDestination(String endpoint, String authorization) {
        if (endpoint == null || endpoint.isBlank()) {
            if (authorization != null) {
                throw new HearthException(
                        ProblemType.INVALID_REQUEST, LOG_AUTHORIZATION + " needs " + LOG_ENDPOINT + ".");
            }
            return null;
        }
        DestinationGuard guard = guards.atUpload();
        List<String> problems = LogDestination.problems(endpoint, authorization, guard);
        if (!problems.isEmpty()) {
            throw new HearthException(ProblemType.INVALID_REQUEST, String.join("; ", problems) + ".");
        }
        return LogDestination.of(endpoint, authorization, guard);
    }
}
