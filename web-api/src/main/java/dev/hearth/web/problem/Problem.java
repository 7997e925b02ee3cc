package dev.hearth.web.problem;

import dev.hearth.scheduler.application.ProblemType;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail. {@code detail} and {@code instance} may be null (then omitted);
 * extension members are JSON values so that they render as they are.
 */
public record Problem(ProblemType type, int status, String detail, String instance, Map<String, JsonValue> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    public Problem {
        extensions = Map.copyOf(extensions);
    }

    public Problem(ProblemType type, int status, String detail, String instance) {
        this(type, status, detail, instance, Map.of());
    }

    public Problem with(String member, JsonValue value) {
        Map<String, JsonValue> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, status, detail, instance, more);
    }

    /** The problem's title: the type's, or the status's reason phrase for {@code about:blank}. */
    public String title() {
        return type.title().orElseGet(() -> reasonPhrase(status));
    }

    public String toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        extensions.forEach(json::add);
        json.add("type", type.uri().toString()).add("title", title()).add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        if (instance != null) {
            json.add("instance", instance);
        }
        return json.build().toString();
    }

    /** A response builder with this problem as body; add headers before {@code build()}. */
    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(MEDIA).entity(toJson());
    }

    public Response toResponse() {
        return toResponseBuilder().build();
    }

    static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}
