package dev.hearth.security.credential;

import dev.hearth.security.setting.SecretSettings;
import dev.hearth.security.setting.SecretSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Mints credentials by Keycloak's standard token exchange (RFC 8693): the profile's client (a
 * confidential client with {@code standard.token.exchange.enabled}) exchanges the caller's access
 * token for one whose audience is narrowed to the profile's audience and whose scopes are those
 * asked for that the caller's realm roles allow. The lifetime is the client's {@code
 * access.token.lifespan}.
 *
 * <p>Configuration: {@code hearth.credentials.token-endpoint} (default: the issuer in {@code
 * mp.jwt.verify.issuer} + {@code /protocol/openid-connect/token}) and the client's secret in the file
 * {@code hearth.credentials.client-secret-file}, or the secret itself as {@code
 * hearth.credentials.client-secret} (a password alias), read at each exchange.
 */
@ApplicationScoped
public class KeycloakTokenExchangeMinter implements CredentialMinter {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private URI tokenEndpoint;
    private SecretSource clientSecret;

    /** For CDI. */
    protected KeycloakTokenExchangeMinter() {}

    @Inject
    public KeycloakTokenExchangeMinter(Config config) {
        this(
                URI.create(config.getOptionalValue("hearth.credentials.token-endpoint", String.class)
                        .orElseGet(() -> config.getValue("mp.jwt.verify.issuer", String.class)
                                + "/protocol/openid-connect/token")),
                SecretSettings.source(config, SecretSettings.CREDENTIALS_CLIENT_SECRET));
    }

    /** @param clientSecret the client's secret, or null for none */
    public KeycloakTokenExchangeMinter(URI tokenEndpoint, String clientSecret) {
        this(
                tokenEndpoint,
                SecretSource.of(
                        SecretSettings.CREDENTIALS_CLIENT_SECRET, Optional.ofNullable(clientSecret), Optional.empty()));
    }

    private KeycloakTokenExchangeMinter(URI tokenEndpoint, SecretSource clientSecret) {
        this.tokenEndpoint = tokenEndpoint;
        this.clientSecret = clientSecret;
    }

    @Override
    public MintedCredential mint(String subjectToken, CredentialProfile profile, Set<String> scopes) {
        String secret;
        try {
            secret = clientSecret.text();
        } catch (IllegalStateException e) {
            throw new CredentialUnavailableException(e.getMessage() + ": Hearth cannot exchange tokens", e);
        }
        String form = form(Map.of(
                "grant_type", TOKEN_EXCHANGE,
                "subject_token", subjectToken,
                "subject_token_type", ACCESS_TOKEN,
                "requested_token_type", ACCESS_TOKEN,
                "audience", profile.audience(),
                "scope", String.join(" ", new TreeSet<>(scopes))));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic(profile.client(), secret))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CredentialUnavailableException("Keycloak is not reachable at " + tokenEndpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialUnavailableException("interrupted while asking Keycloak", e);
        }
        JsonObject answer = json(response.body());
        if (response.statusCode() == 200) {
            return credential(answer.getString("access_token"));
        }
        String error = answer == null ? "" : answer.getString("error", "");
        String description = answer == null ? "" : answer.getString("error_description", "");
        if (response.statusCode() == 400 && !error.equals("unauthorized_client")) {
            // invalid_request "Requested audience not available", invalid_scope, an expired subject token
            throw new CredentialRefusedException(
                    "Keycloak refused the credential: " + (description.isEmpty() ? error : description));
        }
        throw new CredentialUnavailableException(
                "Keycloak answered " + response.statusCode() + " " + error + " to client " + profile.client(), null);
    }

    /** The credential's claims as Keycloak wrote them; the token came straight from Keycloak. */
    static MintedCredential credential(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new CredentialUnavailableException("Keycloak answered a token that is not a JWT", null);
        }
        JsonObject claims = json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        if (claims == null || !(claims.get("exp") instanceof JsonNumber exp)) {
            throw new CredentialUnavailableException("Keycloak answered a token without exp", null);
        }
        Set<String> scopes = Arrays.stream(claims.getString("scope", "").split(" "))
                .filter(s -> !s.isBlank())
                .collect(Collectors.toSet());
        return new MintedCredential(
                token,
                claims.getString("jti", ""),
                claims.getString("sub", ""),
                scopes,
                Instant.ofEpochSecond(exp.longValue()));
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** RFC 6749 2.3.1: client id and secret are form-encoded before Base64. */
    private static String basic(String client, String secret) {
        return Base64.getEncoder()
                .encodeToString((encode(client) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
