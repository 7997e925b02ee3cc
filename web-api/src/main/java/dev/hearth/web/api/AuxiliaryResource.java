package dev.hearth.web.api;

import dev.hearth.domain.rules.Limits;
import dev.hearth.scheduler.application.AuxCredential;
import dev.hearth.scheduler.application.AuxiliaryService;
import dev.hearth.scheduler.application.AuxiliaryService.LogLine;
import dev.hearth.scheduler.application.AuxiliaryService.MetricSample;
import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.security.JwtCallerProducer;
import dev.hearth.security.Role;
import dev.hearth.web.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The auxiliary services, for a trusted portion holding its invocation credential (audience
 * hearth-aux, see {@link AudienceFilter}): a log sink and a metrics sink for the running invocation,
 * and the function owner's key-value store.
 */
@Path("aux")
@RequestScoped
@Tag(name = "auxiliary")
@RolesAllowed({Role.ADMIN, Role.DEVELOPER, Role.INVOKER})
public class AuxiliaryResource {

    static final int MAX_ITEMS = 100;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,255}");
    private static final String TOO_LARGE = "Body larger than " + (Limits.MAX_KEY_VALUE_BYTES >> 10) + " KiB";
    private static final String RECORDS_FULL = "The invocation would send more than "
            + Limits.MAX_RECORDS_PER_INVOCATION
            + " log lines (or metric samples): refused whole (records-full)";
    private static final String REFUSED =
            "Not a live invocation credential for this invocation (HTTP 401)," + " or it lacks the scope (HTTP 403)";

    @Inject
    private AuxiliaryService aux;

    /** Its principal is the validated credential (not the injectable JsonWebToken: ADR 9). */
    @Context
    private SecurityContext security;

    @POST
    @Path("invocations/{invocationId}/logs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "appendInvocationLogs",
            summary = "Log structured lines to the running invocation's activation (scope logs:write)")
    @RequestBody(
            required = true,
            description =
                    "{\"lines\": [{\"level\": \"info\", \"message\": \"…\", \"fields\": {…}}]}, at most 100 lines")
    @APIResponse(responseCode = "204", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Not the expected JSON")
    @APIResponse(responseCode = "401", description = REFUSED)
    @APIResponse(responseCode = "403", description = REFUSED)
    @APIResponse(responseCode = "413", description = TOO_LARGE)
    @APIResponse(responseCode = "429", description = RECORDS_FULL)
    public void logs(@PathParam("invocationId") String invocationId, @Context HttpHeaders headers, InputStream body)
            throws IOException {
        List<LogLine> lines = new ArrayList<>();
        for (JsonObject line : items(read(body, headers), "lines")) {
            JsonValue fields = line.get("fields");
            if (fields != null && fields.getValueType() != JsonValue.ValueType.OBJECT) {
                throw invalid("fields must be an object");
            }
            lines.add(new LogLine(
                    text(line, "level", 16, "info"),
                    text(line, "message", 4096, null),
                    fields == null ? null : bounded(fields.toString(), 4096, "fields")));
        }
        aux.appendLogs(credential(), invocationId, lines);
    }

    @POST
    @Path("invocations/{invocationId}/metrics")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "recordInvocationMetrics",
            summary = "Record custom metric samples of the running invocation's function (scope metrics:write)")
    @RequestBody(
            required = true,
            description = "{\"metrics\": [{\"name\": \"orders\", \"value\": 3, \"unit\": \"count\"}]}, at most 100")
    @APIResponse(responseCode = "204", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Not the expected JSON")
    @APIResponse(responseCode = "401", description = REFUSED)
    @APIResponse(responseCode = "403", description = REFUSED)
    @APIResponse(responseCode = "413", description = TOO_LARGE)
    @APIResponse(responseCode = "429", description = RECORDS_FULL)
    public void metrics(@PathParam("invocationId") String invocationId, @Context HttpHeaders headers, InputStream body)
            throws IOException {
        List<MetricSample> samples = new ArrayList<>();
        for (JsonObject metric : items(read(body, headers), "metrics")) {
            if (!(metric.get("value") instanceof JsonNumber value)) {
                throw invalid("every metric needs a numeric value");
            }
            samples.add(new MetricSample(
                    text(metric, "name", 128, null), value.doubleValue(), text(metric, "unit", 32, "")));
        }
        aux.recordMetrics(credential(), invocationId, samples);
    }

    @GET
    @Path("kv/{key}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getValue", summary = "Read from the function owner's key-value store (scope kv:read)")
    @APIResponse(responseCode = "200", description = "The stored JSON value")
    @APIResponse(responseCode = "404", description = "No such key")
    @APIResponse(responseCode = "401", description = REFUSED)
    @APIResponse(responseCode = "403", description = REFUSED)
    public Response get(@PathParam("key") String key) {
        return aux.get(credential(), checkedKey(key))
                .map(json -> Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build())
                .orElseGet(() -> noSuchKey(key));
    }

    @PUT
    @Path("kv/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "putValue",
            summary = "Store a JSON value (at most 64 KiB) in the function owner's key-value store (scope kv:write)")
    @RequestBody(required = true, description = "Any JSON value")
    @APIResponse(responseCode = "201", description = "Stored under a new key")
    @APIResponse(responseCode = "204", description = "Replaced")
    @APIResponse(responseCode = "400", description = "Not JSON, or a bad key")
    @APIResponse(responseCode = "401", description = REFUSED)
    @APIResponse(responseCode = "403", description = REFUSED)
    @APIResponse(
            responseCode = "409",
            description = "A new key past the owner's " + Limits.MAX_KEYS_PER_OWNER
                    + " (quota-exceeded); an existing key may still be written")
    @APIResponse(responseCode = "413", description = TOO_LARGE)
    public Response put(@PathParam("key") String key, @Context HttpHeaders headers, InputStream body)
            throws IOException {
        String json = read(body, headers).toString();
        return aux.put(credential(), checkedKey(key), json)
                ? Response.status(Response.Status.CREATED).build()
                : Response.noContent().build();
    }

    @DELETE
    @Path("kv/{key}")
    @Operation(operationId = "deleteValue", summary = "Remove a key (scope kv:write)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such key")
    @APIResponse(responseCode = "401", description = REFUSED)
    @APIResponse(responseCode = "403", description = REFUSED)
    public Response delete(@PathParam("key") String key) {
        return aux.delete(credential(), checkedKey(key)) ? Response.noContent().build() : noSuchKey(key);
    }

    private AuxCredential credential() {
        if (!(security.getUserPrincipal() instanceof JsonWebToken token)) {
            throw new NotAuthorizedException("Bearer"); // @RolesAllowed lets no request here without one
        }
        Object claim = token.getClaim("scope");
        String scope = claim == null ? "" : claimText(claim);
        Set<String> scopes =
                Arrays.stream(scope.split(" ")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
        return new AuxCredential(
                token.getTokenID() == null ? "" : token.getTokenID(),
                JwtCallerProducer.fromToken(token).username(),
                token.getAudience() == null ? Set.of() : token.getAudience(),
                scopes,
                Instant.ofEpochSecond(token.getExpirationTime()));
    }

    private static String claimText(Object value) {
        return value instanceof JsonString json ? json.getString() : value.toString();
    }

    private static JsonValue read(InputStream body, HttpHeaders headers) throws IOException {
        String text = RequestBodies.eventText(
                RequestBodies.readAtMost(body, headers.getLength(), Limits.MAX_KEY_VALUE_BYTES, "The body"));
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw invalid("the body is not JSON");
        }
    }

    private static List<JsonObject> items(JsonValue body, String field) {
        if (body.getValueType() != JsonValue.ValueType.OBJECT
                || !(body.asJsonObject().get(field) instanceof JsonArray array)
                || array.size() > MAX_ITEMS
                || array.stream().anyMatch(v -> v.getValueType() != JsonValue.ValueType.OBJECT)) {
            throw invalid("the body must be {\"" + field + "\": [objects]} with at most " + MAX_ITEMS);
        }
        return array.getValuesAs(JsonObject.class);
    }

    private static String text(JsonObject object, String field, int max, String fallback) {
        JsonValue value = object.get(field);
        if (value == null && fallback != null) {
            return fallback;
        }
        if (!(value instanceof JsonString string)) {
            throw invalid(field + " must be a string");
        }
        return bounded(string.getString(), max, field);
    }

    private static String bounded(String text, int max, String field) {
        if (text.length() > max) {
            throw invalid(field + " is longer than " + max + " characters");
        }
        return text;
    }

    private static String checkedKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw invalid("a key is 1 to 255 of A-Z a-z 0-9 . _ : -");
        }
        return key;
    }

    private static Response noSuchKey(String key) {
        return new Problem(ProblemType.HTTP_STATUS, 404, "No key '" + key + "' in this store.", null).toResponse();
    }

    private static HearthException invalid(String detail) {
        return new HearthException(ProblemType.INVALID_REQUEST, detail);
    }
}
