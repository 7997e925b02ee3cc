package dev.hearth.cli.auth;

import dev.hearth.cli.output.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * What a sign-in gave: the access token the API takes, the refresh token that gets the next one
 * without asking the user again, and when each expires ({@code refreshExpiresAt} null: never, as
 * Keycloak says of an offline token).
 */
public record Tokens(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {

    /** An access token this close to its end is refreshed first: it could expire on the way. */
    private static final long MARGIN_SECONDS = 30;

    /** From a token endpoint's answer (RFC 6749 5.1) received at {@code now}. */
    public static Tokens fromTokenAnswer(JsonObject answer, Instant now) {
        String refresh = answer.getString("refresh_token", null);
        long refreshExpiresIn = seconds(answer, "refresh_expires_in", 0);
        return new Tokens(
                answer.getString("access_token"),
                now.plusSeconds(seconds(answer, "expires_in", 60)),
                refresh,
                refresh == null || refreshExpiresIn <= 0 ? null : now.plusSeconds(refreshExpiresIn));
    }

    private static long seconds(JsonObject answer, String key, long absent) {
        JsonNumber value = answer.getJsonNumber(key);
        return value == null ? absent : value.longValue();
    }

    /**
     * The user the access token names ({@code preferred_username}), read without checking its
     * signature: only to say who signed in, never to decide anything.
     */
    public Optional<String> username() {
        String[] parts = accessToken.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            return Json.parse(payload)
                    .filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                    .map(v -> v.asJsonObject().getString("preferred_username", null));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    public boolean accessUsableAt(Instant now) {
        return now.plusSeconds(MARGIN_SECONDS).isBefore(accessExpiresAt);
    }

    public boolean refreshUsableAt(Instant now) {
        return refreshToken != null && (refreshExpiresAt == null || now.isBefore(refreshExpiresAt));
    }

    JsonObject toJson() {
        JsonObjectBuilder json = Json.provider()
                .createObjectBuilder()
                .add("accessToken", accessToken)
                .add("accessExpiresAt", accessExpiresAt.toString());
        if (refreshToken != null) {
            json.add("refreshToken", refreshToken);
        }
        if (refreshExpiresAt != null) {
            json.add("refreshExpiresAt", refreshExpiresAt.toString());
        }
        return json.build();
    }

    static Tokens fromJson(JsonObject json) {
        String refreshExpiresAt = json.getString("refreshExpiresAt", null);
        return new Tokens(
                json.getString("accessToken"),
                Instant.parse(json.getString("accessExpiresAt")),
                json.getString("refreshToken", null),
                refreshExpiresAt == null ? null : Instant.parse(refreshExpiresAt));
    }
}
