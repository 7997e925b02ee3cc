package dev.hearth.it;

import static dev.hearth.it.HearthApi.KEYCLOAK;
import static dev.hearth.it.HearthApi.delete;
import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.post;
import static dev.hearth.it.HearthApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The realm as provisioned into the real Keycloak, and what each role may do through the real
 * EAR: tokens that are not for the API are refused, credentials are minted by token exchange with
 * narrowed audience, scopes and lifetime, a caller whose roles do not allow a function's scopes is
 * refused before any code runs, sharing lets invokers invoke and nothing more, and the auxiliary
 * services take nothing but live invocation credentials.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityRealmIT {

    private static final Path IT_DIR = Path.of(System.getProperty("hearth.it.dir", "../../.hearth/it"));
    private static final String TOKEN_ENDPOINT = KEYCLOAK + "/realms/hearth/protocol/openid-connect/token";

    /** Two portions; the trusted one asks for the owner's key-value store. */
    private static final String KV_FUNCTION = "/functions/kv-writer";
    /** The same, asking only to read it. */
    private static final String KV_READER = "/functions/kv-reader";

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @BeforeAll
    static void devDeploysFunctionsThatAskForCredentials() {
        assertDeployed(put("dev", KV_FUNCTION, "application/zip", twoPortions("[\"kv:read\", \"kv:write\"]")));
        assertDeployed(put("dev", KV_READER, "application/zip", twoPortions("[\"kv:read\"]")));
        delete("dev", KV_FUNCTION + "/grants/user:invoker");
        delete("dev", KV_READER + "/grants/role:invoker");
    }

    @Test
    void keycloaksBuiltInClientScopesSurviveTheProvisioning() throws IOException {
        String admin = masterRealmToken();
        HearthApi.Answer scopes =
                HearthApi.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/admin/realms/hearth/client-scopes"))
                        .header("Authorization", "Bearer " + admin)
                        .GET());

        Set<String> names = ((JsonArray) HearthApi.parse(scopes.body()))
                .stream().map(s -> s.asJsonObject().getString("name")).collect(Collectors.toSet());
        assertTrue(
                names.containsAll(Set.of(
                        "basic",
                        "profile",
                        "email",
                        "roles",
                        "web-origins",
                        "acr",
                        "microprofile-jwt",
                        "offline_access",
                        "kv:read",
                        "kv:write",
                        "logs:write",
                        "metrics:write")),
                names.toString());
    }

    @Test
    void tokensNotForTheApiAreRefusedWith401() throws GeneralSecurityException, IOException {
        assertEquals(401, bearer(masterRealmToken(), "/functions").status(), "a token of Keycloak's master realm");
        String otherAudience = form(
                        TOKEN_ENDPOINT,
                        Map.of(
                                "grant_type", "password",
                                "client_id", "admin-cli",
                                "username", "dev",
                                "password", "dev-pass"))
                .json()
                .getString("access_token");
        assertEquals(401, bearer(otherAudience, "/functions").status(), "a hearth token without audience hearth-api");

        Map<String, Object> claims = new LinkedHashMap<>(claims(HearthApi.token("dev")));
        long now = Instant.now().getEpochSecond();
        claims.put("iat", now - 600);
        claims.put("exp", now - 300);
        assertEquals(401, bearer(selfSigned(claims), "/functions").status(), "expired, signed by a key of the test");
        claims.put("exp", now + 300);
        assertEquals(401, bearer(selfSigned(claims), "/functions").status(), "signed by a key of the test");

        String credential = exchange(HearthApi.token("dev"), "kv:read").json().getString("access_token");
        assertEquals(401, bearer(credential, "/functions").status(), "an invocation credential is not an API token");
    }

    @Test
    void tokenExchangeNarrowsAudienceScopesRolesAndLifetime() {
        JsonObject credential = claims(
                exchange(HearthApi.token("dev"), "kv:read kv:write").json().getString("access_token"));

        assertEquals("hearth-aux", credential.getString("aud"), "the audience is the auxiliary services alone");
        assertEquals("hearth-api", credential.getString("azp"));
        Set<String> scopes = Set.of(credential.getString("scope").split(" "));
        assertTrue(scopes.containsAll(Set.of("kv:read", "kv:write")), scopes.toString());
        assertTrue(!scopes.contains("email") && !scopes.contains("logs:write"), scopes.toString());
        assertEquals(
                120,
                credential.getJsonNumber("exp").longValue()
                        - credential.getJsonNumber("iat").longValue());
        assertEquals("dev", credential.getString("preferred_username"));
    }

    @Test
    void anInvokerCannotObtainAScopeItsRolesDoNotAllow() {
        JsonObject partly = claims(
                exchange(HearthApi.token("invoker"), "kv:read kv:write").json().getString("access_token"));
        assertEquals(
                Set.of("profile", "microprofile-jwt", "kv:read"),
                Set.of(partly.getString("scope").split(" ")));

        HearthApi.Answer refused = exchange(HearthApi.token("invoker"), "kv:write");
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("Requested audience not available"), refused.body());
    }

    @Test
    void sharingLetsAnInvokerInvokeWithoutReadingTheFunction() {
        assertEquals(404, invoke("invoker", KV_READER).status(), "not shared yet");
        assertEquals(
                404,
                put("dev2", KV_READER + "/grants/user:dev2", "text/plain", new byte[0])
                        .status(),
                "another developer cannot share dev's function");

        HearthApi.Answer granted = put("dev", KV_READER + "/grants/role:invoker", "text/plain", new byte[0]);
        assertEquals(201, granted.status(), granted.body());
        assertEquals("role:invoker", granted.json().getString("principal"));
        assertEquals(
                200,
                put("dev", KV_READER + "/grants/role:invoker", "text/plain", new byte[0])
                        .status());
        JsonArray grants =
                (JsonArray) HearthApi.parse(get("dev", KV_READER + "/grants").body());
        assertEquals("role:invoker", grants.getJsonObject(0).getString("principal"));

        HearthApi.Answer invoked = invoke("invoker", KV_READER);
        assertNotEquals(403, invoked.status(), invoked.body());
        assertNotEquals(404, invoked.status(), invoked.body());
        assertEquals(403, get("invoker", KV_READER).status(), "invokers cannot read a function's configuration");
        assertEquals(403, get("invoker", KV_READER + "/grants").status());
        assertEquals(404, get("dev2", KV_READER + "/grants").status());
        assertEquals(
                400,
                put("dev", KV_READER + "/grants/everyone", "text/plain", new byte[0])
                        .status());

        assertEquals(204, delete("dev", KV_READER + "/grants/role:invoker").status());
        assertEquals(404, invoke("invoker", KV_READER).status(), "revoked");
    }

    @Test
    void aCallerWhoseRolesDoNotAllowTheScopesIsRefusedBeforeAnyCodeRuns() {
        HearthApi.Answer mine = invoke("dev", KV_FUNCTION);
        assertNotEquals(403, mine.status(), "the owner's roles allow kv:read and kv:write: " + mine.body());

        assertEquals(
                201,
                put("dev", KV_FUNCTION + "/grants/user:invoker", "text/plain", new byte[0])
                        .status());
        HearthApi.Answer refused = invoke("invoker", KV_FUNCTION);
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertTrue(refused.json().getString("detail").contains("do not allow [kv:write]"), refused.body());
        JsonArray activations = (JsonArray)
                HearthApi.parse(get("dev", KV_FUNCTION + "/activations").body());
        assertTrue(
                activations.stream()
                        .noneMatch(a -> a.asJsonObject().getString("caller", "").equals("invoker")),
                "no activation ran for the refused invoker");
    }

    @Test
    void theAuxiliaryServicesTakeOnlyLiveInvocationCredentials() {
        String apiToken = HearthApi.token("dev");
        assertEquals(401, bearer(apiToken, "/aux/kv/greeting").status(), "the user's own API token");
        assertEquals(
                401, HearthApi.send(auxRequest(null, "/aux/kv/greeting").GET()).status(), "no token");

        String notMinted =
                exchange(apiToken, "kv:read kv:write logs:write").json().getString("access_token");
        HearthApi.Answer unbound = bearer(notMinted, "/aux/kv/greeting");
        assertEquals(401, unbound.status(), "right audience and scopes, but not minted by Hearth for an invocation");
        assertTrue(unbound.json().getString("detail").contains("not minted for an invocation"), unbound.body());
        HearthApi.Answer logs = HearthApi.send(auxRequest(notMinted, "/aux/invocations/x/logs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[{\"message\":\"hi\"}]}")));
        assertEquals(401, logs.status(), logs.body());
    }

    @Test
    void theTrustedPortionReceivesANarrowedCredentialThatDiesWithItsInvocation() {
        assertDeployed(put("dev", "/functions/token-peek", "application/zip", tokenPeek()));

        HearthApi.Answer invoked = invoke("dev", "/functions/token-peek");
        assertEquals(200, invoked.status(), invoked.body());
        JsonObject result = invoked.json().getJsonObject("result");
        assertEquals(false, result.getBoolean("untrustedSeesCredential"), invoked.body());
        String received = result.getString("token");
        JsonObject credential = claims(received);
        assertEquals("hearth-aux", credential.getString("aud"), "the audience is the auxiliary services alone");
        Set<String> scopes = Set.of(credential.getString("scope").split(" "));
        assertTrue(scopes.containsAll(Set.of("kv:read", "logs:write")), scopes.toString());
        assertTrue(
                !scopes.contains("kv:write") && !scopes.contains("metrics:write") && !scopes.contains("email"),
                "no scope the manifest did not ask for: " + scopes);
        assertEquals("dev", credential.getString("preferred_username"));
        assertTrue(
                credential.getJsonNumber("exp").longValue()
                                - credential.getJsonNumber("iat").longValue()
                        <= 120,
                credential.toString());

        HearthApi.Answer otherInvocation = HearthApi.send(auxRequest(
                        received,
                        "/aux/invocations/" + invoke("dev", KV_READER).json().getString("activationId") + "/logs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[{\"message\":\"replayed\"}]}")));
        assertEquals(
                401, otherInvocation.status(), "replayed for another function's invocation: " + otherInvocation.body());

        // Refused once the invocation's timeout (1 s) and the grace (1 s) have passed: polled, with a
        // deadline far inside the credential's own lifetime (120 s), so that it is the binding that ends.
        Fleet.await(
                () -> bearer(received, "/aux/kv/greeting"),
                replayed -> replayed.status() == 401,
                Duration.ofSeconds(10),
                "the credential to be refused after its invocation ended");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void assertDeployed(HearthApi.Answer answer) {
        assertTrue(answer.status() == 201 || answer.status() == 200, answer.status() + " " + answer.body());
    }

    private static byte[] twoPortions(String scopes) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "hearth.json",
                "{\"runtime\": \"python3\", \"entryPortion\": \"main\", \"portions\": ["
                        + "{\"name\": \"main\", \"path\": \"main\", \"handler\": \"app.handler\", \"trustLevel\": \"untrusted\"},"
                        + "{\"name\": \"creds\", \"path\": \"creds\", \"handler\": \"creds.handler\", \"trustLevel\": \"trusted\"}],"
                        + " \"policy\": {\"timeoutMillis\": 2000, \"credentialScopes\": " + scopes + "}}");
        files.put("main/app.py", "def handler(event, context):\n    return {\"ok\": True}\n");
        files.put("creds/creds.py", "def handler(event, context):\n    return {\"trusted\": True}\n");
        return Archives.zipOfText(files);
    }

    /** Two portions; the trusted one hands back the credential it received, to be inspected. */
    private static byte[] tokenPeek() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "hearth.json",
                "{\"runtime\": \"python3\", \"entryPortion\": \"main\", \"portions\": ["
                        + "{\"name\": \"main\", \"path\": \"main\", \"handler\": \"app.handler\", \"trustLevel\": \"untrusted\"},"
                        + "{\"name\": \"creds\", \"path\": \"creds\", \"handler\": \"creds.handler\", \"trustLevel\": \"trusted\"}],"
                        + " \"policy\": {\"timeoutMillis\": 1000, \"credentialScopes\": [\"kv:read\", \"logs:write\"]}}");
        files.put(
                "main/app.py",
                "import os\n\ndef handler(event, context):\n"
                        + "    token = context.invoke_portion(\"creds\", {})[\"token\"]\n"
                        + "    return {\"token\": token, \"untrustedSeesCredential\":"
                        + " any(k.startswith(\"HEARTH_CREDENTIAL\") for k in os.environ)}\n");
        files.put(
                "creds/creds.py",
                "import os\n\ndef handler(event, context):\n    return {\"token\": os.environ[\"HEARTH_CREDENTIAL\"]}\n");
        return Archives.zipOfText(files);
    }

    /** Keycloak's own administrator, signed in to the master realm: another issuer, other keys. */
    private static String masterRealmToken() throws IOException {
        return form(
                        KEYCLOAK + "/realms/master/protocol/openid-connect/token",
                        Map.of(
                                "grant_type", "password",
                                "client_id", "admin-cli",
                                "username", "admin",
                                "password",
                                        Files.readString(IT_DIR.resolve("keycloak-admin.password"))
                                                .strip()))
                .json()
                .getString("access_token");
    }

    private static HearthApi.Answer invoke(String user, String function) {
        return post(user, function + "/invocations", "application/json", "{}");
    }

    private static HearthApi.Answer exchange(String subjectToken, String scope) {
        try {
            return form(
                    TOKEN_ENDPOINT,
                    Map.of(
                            "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                            "client_id", "hearth-api",
                            "client_secret",
                                    Files.readString(IT_DIR.resolve("keycloak-exchange.secret"))
                                            .strip(),
                            "subject_token", subjectToken,
                            "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                            "audience", "hearth-aux",
                            "scope", scope));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HearthApi.Answer form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HearthApi.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HearthApi.Answer bearer(String token, String path) {
        return HearthApi.send(auxRequest(token, path).GET());
    }

    private static HttpRequest.Builder auxRequest(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(HearthApi.API + path));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static JsonObject claims(String jwt) {
        return HearthApi.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8))
                .asJsonObject();
    }

    /** The claims signed with RS256 by a key that this test made: no server may trust it. */
    private static String selfSigned(Map<String, Object> claims) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"test-made\"}";
        String payload = claims.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + json(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + b64.encodeToString(rsa.sign());
    }

    private static String json(Object value) {
        if (value instanceof Number number) {
            return number.toString();
        }
        if (value instanceof JsonString string) {
            return string.toString();
        }
        return value.toString();
    }
}
