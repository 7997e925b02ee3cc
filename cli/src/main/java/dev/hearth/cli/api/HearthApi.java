package dev.hearth.cli.api;

import dev.hearth.cli.http.HttpAnswer;
import dev.hearth.cli.http.HttpExchange;
import dev.hearth.cli.http.Problems;
import dev.hearth.cli.output.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Hearth's API under {@code /api/v1} (web-api's resources), with the signed-in user's bearer token:
 * each call returns the answer's JSON, or throws the error answer as a one-line failure.
 */
public final class HearthApi {

    private static final int UPLOAD_SLICE_BYTES = 64 << 10;
    private static final String GZIP = "application/gzip";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final URI apiUrl;
    private final HttpExchange http;
    private final Supplier<String> accessToken;

    public HearthApi(URI apiUrl, HttpExchange http, Supplier<String> accessToken) {
        this.apiUrl = apiUrl;
        this.http = http;
        this.accessToken = accessToken;
    }

    /** A deployment's answer: the function, and whether it was new (201) or replaced (200). */
    public record Deployed(JsonValue function, boolean created) {}

    /** {@code sent}: told how many bytes of the archive have gone out so far, as they go. */
    public Deployed deploy(String name, byte[] archive, String contentType, LongConsumer sent) {
        HttpAnswer answer = send(
                request("functions/" + segment(name))
                        .header("Content-Type", contentType)
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofByteArrays(slices(archive, sent)), archive.length)),
                "<" + archive.length + " bytes " + contentType + ">");
        return new Deployed(json(answer), answer.status() == 201);
    }

    /** The client takes the slices as it sends: each one taken counts as sent. */
    private static Iterable<byte[]> slices(byte[] bytes, LongConsumer sent) {
        return () -> new Iterator<>() {
            private int offset;

            @Override
            public boolean hasNext() {
                return offset < bytes.length;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(bytes.length, offset + UPLOAD_SLICE_BYTES);
                byte[] slice = Arrays.copyOfRange(bytes, offset, end);
                offset = end;
                sent.accept(offset);
                return slice;
            }
        };
    }

    public JsonValue functions() {
        return json(send(request("functions").GET(), null));
    }

    public JsonValue function(String name) {
        return json(send(request("functions/" + segment(name)).GET(), null));
    }

    public void delete(String name) {
        send(request("functions/" + segment(name)).DELETE(), null);
    }

    public JsonValue invoke(String name, String event) {
        return json(send(
                request("functions/" + segment(name) + "/invocations")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8)),
                event));
    }

    /**
     * Queues the invocation ({@code Prefer: respond-async}): the answer names its activation.
     *
     * @param idempotencyKey null, or the key that makes a repeated call answer the first
     */
    public JsonValue invokeAsync(String name, String event, String idempotencyKey) {
        HttpRequest.Builder request = request("functions/" + segment(name) + "/invocations")
                .header("Content-Type", "application/json")
                .header("Prefer", "respond-async");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return json(send(request.POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8)), event));
    }

    /** The function's activations, newest first, at most {@code limit}. */
    public JsonValue activations(String name, int limit) {
        return json(send(
                request("functions/" + segment(name) + "/activations?limit=" + limit)
                        .GET(),
                null));
    }

    public JsonValue activation(String id) {
        return json(send(request("activations/" + segment(id)).GET(), null));
    }

    /** The structured lines the activation's trusted portion sent, oldest first. */
    public JsonValue activationLogs(String id) {
        return json(send(request("activations/" + segment(id) + "/logs").GET(), null));
    }

    public JsonValue grants(String name) {
        return json(send(request("functions/" + segment(name) + "/grants").GET(), null));
    }

    /** {@code principal}: {@code user:NAME} or {@code role:NAME}. */
    public JsonValue grant(String name, String principal) {
        return json(send(
                request("functions/" + segment(name) + "/grants/" + segment(principal))
                        .PUT(HttpRequest.BodyPublishers.noBody()),
                null));
    }

    public void revokeGrant(String name, String principal) {
        send(
                request("functions/" + segment(name) + "/grants/" + segment(principal))
                        .DELETE(),
                null);
    }

    public JsonValue secrets(String name) {
        return json(send(request("functions/" + segment(name) + "/secrets").GET(), null));
    }

    /** Sets or rotates the secret; the value is masked in what {@code --verbose} prints. */
    public JsonValue setSecret(String name, String secret, String value) {
        String body = Json.provider()
                .createObjectBuilder()
                .add("value", value)
                .build()
                .toString();
        return json(send(
                request("functions/" + segment(name) + "/secrets/" + segment(secret))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
                "{\"value\":\"<" + value.length() + " characters>\"}"));
    }

    public void deleteSecret(String name, String secret) {
        send(
                request("functions/" + segment(name) + "/secrets/" + segment(secret))
                        .DELETE(),
                null);
    }

    public JsonValue schedules(String name) {
        return json(send(request("functions/" + segment(name) + "/schedules").GET(), null));
    }

    /** Creates or changes the schedule; {@code timezone} and {@code event} may be null (UTC, {}). */
    public JsonValue putSchedule(String name, String schedule, String cron, String timezone, JsonValue event) {
        JsonObjectBuilder body = Json.provider().createObjectBuilder().add("cron", cron);
        if (timezone != null) {
            body.add("timezone", timezone);
        }
        if (event != null) {
            body.add("event", event);
        }
        String text = body.build().toString();
        return json(send(
                request("functions/" + segment(name) + "/schedules/" + segment(schedule))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)),
                text));
    }

    public void deleteSchedule(String name, String schedule) {
        send(
                request("functions/" + segment(name) + "/schedules/" + segment(schedule))
                        .DELETE(),
                null);
    }

    /** Starts a bulk job: the function invoked once per record of the data set. */
    public JsonValue startJob(String name, byte[] dataSet, String contentType) {
        return json(send(
                request("functions/" + segment(name) + "/jobs")
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(dataSet)),
                "<" + dataSet.length + " bytes " + contentType + ">"));
    }

    /** Your jobs (an admin's: everyone's), newest first. */
    public JsonValue jobs() {
        return json(send(request("jobs").GET(), null));
    }

    public JsonValue job(String id) {
        return json(send(request("jobs/" + segment(id)).GET(), null));
    }

    public JsonValue stopJob(String id) {
        return json(send(request("jobs/" + segment(id) + "/stop").POST(HttpRequest.BodyPublishers.noBody()), null));
    }

    public JsonValue restartJob(String id) {
        return json(send(request("jobs/" + segment(id) + "/restart").POST(HttpRequest.BodyPublishers.noBody()), null));
    }

    /** The job's results so far as the server sends them: gzipped JSON lines (gzip members one after another). */
    public byte[] jobResults(String id) {
        return send(
                        request("jobs/" + segment(id) + "/results")
                                .setHeader("Accept", GZIP + ", " + PROBLEM_JSON)
                                .GET(),
                        null)
                .body();
    }

    public JsonValue pools() {
        return json(send(request("admin/pools").GET(), null));
    }

    public JsonValue setPool(String runtime, int warmingTarget, int maxPerHost) {
        return putJson(
                "admin/pools/" + segment(runtime),
                Json.provider()
                        .createObjectBuilder()
                        .add("warmingTarget", warmingTarget)
                        .add("maxPerHost", maxPerHost)
                        .build());
    }

    public JsonValue hosts() {
        return json(send(request("admin/hosts").GET(), null));
    }

    public JsonValue drain(String hostId, boolean draining) {
        return putJson(
                "admin/hosts/" + segment(hostId) + "/draining",
                Json.provider().createObjectBuilder().add("draining", draining).build());
    }

    public JsonValue instances() {
        return json(send(request("admin/instances").GET(), null));
    }

    public void destroyInstance(String instanceId) {
        send(request("admin/instances/" + segment(instanceId)).DELETE(), null);
    }

    public JsonValue settings() {
        return json(send(request("admin/settings").GET(), null));
    }

    public JsonValue changeSettings(JsonObject settings) {
        return putJson("admin/settings", settings);
    }

    private JsonValue putJson(String path, JsonObject body) {
        String text = body.toString();
        return json(send(
                request(path)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)),
                text));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(apiUrl + "/" + path))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken.get());
    }

    private HttpAnswer send(HttpRequest.Builder request, String bodyForLog) {
        HttpAnswer answer = http.send(request, bodyForLog);
        if (!answer.successful()) {
            throw Problems.failure(answer);
        }
        return answer;
    }

    private static JsonValue json(HttpAnswer answer) {
        return Json.parse(answer.text()).orElse(JsonValue.NULL);
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
