package dev.hearth.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Hearth API and Keycloak as a user's client meets them: plain HTTP and JSON. */
final class HearthApi {

    static final String API = ItSettings.required("hearth.api.url");
    static final String KEYCLOAK = ItSettings.required("hearth.keycloak.url");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();
    /** A token is fetched again this long before Keycloak says it expires: a test may run a while. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(90);

    /** A cached access token and when it stops being good enough to send. */
    private record Token(String value, long renewAtNanos) {

        boolean fresh() {
            return System.nanoTime() - renewAtNanos < 0;
        }
    }

    /** An HTTP answer with its body as text. */
    record Answer(int status, String contentType, String body, HttpResponse<String> raw) {

        JsonObject json() {
            return (JsonObject) parse(body);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private HearthApi() {}

    /**
     * A bearer token for a demo user of the Hearth realm, by Keycloak's password grant; fetched
     * again when it is about to expire (the suite outlives a token's five minutes).
     */
    static String token(String user) {
        return TOKENS.compute(user, (u, cached) -> cached != null && cached.fresh() ? cached : fetchToken(u))
                .value();
    }

    private static Token fetchToken(String user) {
        long fetchedAt = System.nanoTime();
        String form = "grant_type=password&client_id=hearth-cli&scope=openid&username=" + encode(user) + "&password="
                + encode(user + "-pass");
        Answer answer =
                send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/hearth/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (answer.status() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + user + ": " + answer.body());
        }
        Duration lifetime =
                Duration.ofSeconds(answer.json().getJsonNumber("expires_in").longValue());
        return new Token(
                answer.json().getString("access_token"),
                fetchedAt + lifetime.minus(TOKEN_MARGIN).toNanos());
    }

    /** Forgets the tokens fetched so far: the next request gets a new one. */
    static void forgetTokens() {
        TOKENS.clear();
    }

    static Answer get(String user, String path) {
        return send(request(user, path).GET());
    }

    static Answer delete(String user, String path) {
        return send(request(user, path).DELETE());
    }

    static Answer put(String user, String path, String contentType, byte[] body) {
        return send(request(user, path)
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static Answer post(String user, String path, String contentType, String body) {
        return send(request(user, path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Deploys a function as dev, anew: one of the name is deleted first. */
    static void deployAnew(String name, byte[] archive) {
        delete("dev", "/functions/" + name);
        Answer put = put("dev", "/functions/" + name, "application/zip", archive);
        if (put.status() != 201) {
            throw new AssertionError("deploying " + name + ": " + put.status() + " " + put.body());
        }
    }

    /** A download as {@code user}: the body as bytes. */
    static HttpResponse<byte[]> download(String user, String path) {
        try {
            return HTTP.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request as {@code user}, or without any token when user is null. */
    static HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(API + path)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            builder.header("Authorization", "Bearer " + token(user));
        }
        return builder;
    }

    static Answer send(HttpRequest.Builder request) {
        return send(HTTP, request);
    }

    static Answer send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonStructure parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.read();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
