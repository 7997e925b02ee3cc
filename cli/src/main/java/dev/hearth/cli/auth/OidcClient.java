package dev.hearth.cli.auth;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import dev.hearth.cli.http.HttpAnswer;
import dev.hearth.cli.http.HttpExchange;
import dev.hearth.cli.output.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The realm as an OpenID Connect provider, seen by a public client: its endpoints from its
 * discovery document, then the grants the CLI uses.
 */
public final class OidcClient {

    private final URI realmUrl;
    private final String clientId;
    private final HttpExchange http;
    private final Clock clock;
    private JsonObject discovery;

    public OidcClient(URI realmUrl, String clientId, HttpExchange http, Clock clock) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
        this.http = http;
        this.clock = clock;
    }

    /** The script flow: the resource owner password grant (RFC 6749 4.3). */
    public Tokens passwordGrant(String username, String password) {
        return tokens(form("grant_type", "password", "username", username, "password", password, "scope", "openid"));
    }

    /** Where to send the browser: the realm's authorization endpoint with the request (RFC 6749 4.1.1, RFC 7636). */
    public URI authorizationUrl(URI redirectUri, String state, String codeChallenge) {
        return URI.create(endpoint("authorization_endpoint") + "?"
                + form(
                        "response_type",
                        "code",
                        "redirect_uri",
                        redirectUri.toString(),
                        "scope",
                        "openid",
                        "state",
                        state,
                        "code_challenge",
                        codeChallenge,
                        "code_challenge_method",
                        Pkce.METHOD));
    }

    /** The code the browser brought back, exchanged with the PKCE verifier (RFC 6749 4.1.3). */
    public Tokens authorizationCodeGrant(String code, URI redirectUri, String codeVerifier) {
        return tokens(form(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                redirectUri.toString(),
                "code_verifier",
                codeVerifier));
    }

    public Tokens refresh(String refreshToken) {
        return tokens(form("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public DeviceAuthorization startDeviceAuthorization() {
        String endpoint = endpoint("device_authorization_endpoint");
        Pkce pkce = Pkce.create(new SecureRandom());
        HttpAnswer answer = post(
                endpoint,
                form("scope", "openid", "code_challenge", pkce.challenge(), "code_challenge_method", Pkce.METHOD));
        JsonObject json = object(answer);
        if (!answer.successful()) {
            throw oauthFailure(answer, json);
        }
        String complete = json.getString("verification_uri_complete", null);
        return new DeviceAuthorization(
                json.getString("device_code"),
                pkce.verifier(),
                json.getString("user_code"),
                URI.create(json.getString("verification_uri")),
                complete == null ? null : URI.create(complete),
                Duration.ofSeconds(json.getJsonNumber("expires_in").longValue()),
                Duration.ofSeconds(json.getInt("interval", 5)));
    }

    public DevicePoll pollDevice(DeviceAuthorization authorization) {
        HttpAnswer answer = post(
                endpoint("token_endpoint"),
                form(
                        "grant_type",
                        "urn:ietf:params:oauth:grant-type:device_code",
                        "device_code",
                        authorization.deviceCode(),
                        "code_verifier",
                        authorization.codeVerifier()));
        JsonObject json = object(answer);
        if (answer.successful()) {
            return new DevicePoll.Granted(Tokens.fromTokenAnswer(json, clock.instant()));
        }
        String error = json.getString("error", "http-" + answer.status());
        return switch (error) {
            case "authorization_pending" -> new DevicePoll.Pending();
            case "slow_down" -> new DevicePoll.SlowDown(Duration.ofSeconds(5));
            default -> new DevicePoll.Refused(error, json.getString("error_description", error));
        };
    }

    /** Revokes the refresh token (RFC 7009), which ends the realm's session for it. */
    public void revoke(String refreshToken) {
        HttpAnswer answer =
                post(endpoint("revocation_endpoint"), form("token", refreshToken, "token_type_hint", "refresh_token"));
        if (!answer.successful()) {
            throw oauthFailure(answer, object(answer));
        }
    }

    private Tokens tokens(String form) {
        HttpAnswer answer = post(endpoint("token_endpoint"), form);
        JsonObject json = object(answer);
        if (!answer.successful()) {
            throw oauthFailure(answer, json);
        }
        return Tokens.fromTokenAnswer(json, clock.instant());
    }

    private HttpAnswer post(String endpoint, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        return http.send(request, form);
    }

    private String endpoint(String name) {
        if (discovery == null) {
            URI document = URI.create(realmUrl + "/.well-known/openid-configuration");
            HttpAnswer answer = http.send(
                    HttpRequest.newBuilder(document)
                            .header("Accept", "application/json")
                            .GET(),
                    null);
            if (!answer.successful()) {
                throw new CliFailure(
                        answer.status() >= 500 ? ExitCode.SERVER : ExitCode.FAILED,
                        "realm",
                        "no OpenID Connect discovery document at " + document + " (" + answer.status() + ")");
            }
            discovery = object(answer);
        }
        String endpoint = discovery.getString(name, null);
        if (endpoint == null) {
            throw new CliFailure(ExitCode.FAILED, "realm", "the realm " + realmUrl + " names no " + name);
        }
        return endpoint;
    }

    /** The form with the client's id, values URL-encoded. */
    private String form(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_id", clientId);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static JsonObject object(HttpAnswer answer) {
        return Json.parse(answer.text())
                .filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject)
                .orElse(JsonValue.EMPTY_JSON_OBJECT);
    }

    /** An OAuth error answer (RFC 6749 5.2) as one line: its error code and description. */
    private static CliFailure oauthFailure(HttpAnswer answer, JsonObject json) {
        String error = json.getString("error", "http-" + answer.status());
        String description = json.getString("error_description", "the realm answered " + answer.status());
        ExitCode code = answer.status() >= 500
                ? ExitCode.SERVER
                : "invalid_grant".equals(error) || "unauthorized_client".equals(error) || "invalid_client".equals(error)
                        ? ExitCode.REFUSED
                        : ExitCode.FAILED;
        return new CliFailure(code, error, description);
    }
}
