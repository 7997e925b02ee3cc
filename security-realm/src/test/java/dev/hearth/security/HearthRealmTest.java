package dev.hearth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The realm export that Keycloak imports: what the demo and the integration tests rely on. */
class HearthRealmTest {

    private static JsonObject realm;

    @BeforeAll
    static void readRealm() throws IOException {
        try (InputStream in = HearthRealmTest.class.getResourceAsStream("/keycloak/hearth-realm.json");
                JsonReader reader = Json.createReader(in)) {
            realm = reader.readObject();
        }
    }

    @Test
    void isTheEnabledHearthRealmWithShortLivedTokens() {
        assertEquals("hearth", realm.getString("realm"));
        assertTrue(realm.getBoolean("enabled"));
        assertEquals(300, realm.getInt("accessTokenLifespan"));
    }

    @Test
    void declaresExactlyTheThreeRealmRoles() {
        Set<String> roles = names(realm.getJsonObject("roles").getJsonArray("realm"), "name");
        assertEquals(Set.of(Role.ADMIN, Role.DEVELOPER, Role.INVOKER), roles);
    }

    @Test
    void keepsKeycloaksBuiltInClientScopes() {
        assertFalse(realm.containsKey("clientScopes"), "listing clientScopes replaces the built-in ones");
    }

    @Test
    void demoUsersHaveFixedPasswordsRolesAndNothingLeftToDo() {
        Map<String, Set<String>> expectedRoles = Map.of(
                "admin", Set.of(Role.ADMIN, Role.DEVELOPER),
                "dev", Set.of(Role.DEVELOPER),
                "dev2", Set.of(Role.DEVELOPER),
                "invoker", Set.of(Role.INVOKER));
        Map<String, JsonObject> users = byKey(realm.getJsonArray("users"), "username");
        assertEquals(expectedRoles.keySet(), users.keySet());
        expectedRoles.forEach((username, roles) -> {
            JsonObject user = users.get(username);
            assertTrue(user.getBoolean("enabled"), username);
            assertTrue(user.getBoolean("emailVerified"), username);
            assertFalse(user.getString("email").isBlank(), username);
            assertFalse(user.getString("firstName").isBlank(), username);
            assertFalse(user.getString("lastName").isBlank(), username);
            assertTrue(user.getJsonArray("requiredActions").isEmpty(), username);
            assertEquals(roles, strings(user.getJsonArray("realmRoles")), username);
            JsonObject credential = user.getJsonArray("credentials").getJsonObject(0);
            assertEquals("password", credential.getString("type"));
            assertEquals(username + "-pass", credential.getString("value"));
            assertFalse(credential.getBoolean("temporary"));
        });
    }

    @Test
    void cliClientGetsPasswordGrantsAndTokensForTheApi() {
        JsonObject cli = client("hearth-cli");
        assertTrue(cli.getBoolean("publicClient"));
        assertTrue(cli.getBoolean("directAccessGrantsEnabled"));
        assertFalse(cli.getBoolean("implicitFlowEnabled"));
        JsonObject audience =
                byKey(cli.getJsonArray("protocolMappers"), "protocolMapper").get("oidc-audience-mapper");
        assertEquals("hearth-api", audience.getJsonObject("config").getString("included.client.audience"));
        assertEquals("true", audience.getJsonObject("config").getString("access.token.claim"));
        assertTrue(
                strings(cli.getJsonArray("defaultClientScopes"))
                        .containsAll(List.of("microprofile-jwt", "basic", "profile", "roles", "email")),
                "microprofile-jwt gives groups and upn; basic gives sub");
    }

    @Test
    void cliClientSignsInThroughTheBrowserOnlyWithPkceToALoopbackRedirect() {
        JsonObject cli = client("hearth-cli");
        assertTrue(cli.getBoolean("standardFlowEnabled"));
        assertEquals("S256", cli.getJsonObject("attributes").getString("pkce.code.challenge.method"));
        assertEquals("true", cli.getJsonObject("attributes").getString("oauth2.device.authorization.grant.enabled"));
        assertEquals(
                Set.of("http://127.0.0.1/callback", "http://[::1]/callback"),
                strings(cli.getJsonArray("redirectUris")));
        assertFalse(
                cli.containsKey("webOrigins") && !cli.getJsonArray("webOrigins").isEmpty(), "no browser origin");
    }

    @Test
    void apiClientSignsNobodyIn() {
        JsonObject api = client("hearth-api");
        assertFalse(api.getBoolean("publicClient"));
        assertFalse(api.getBoolean("directAccessGrantsEnabled"));
        assertFalse(api.getBoolean("standardFlowEnabled"));
        assertFalse(api.getBoolean("implicitFlowEnabled"));
    }

    @Test
    void apiClientExchangesTokensForShortLivedCredentialsWithNarrowedRoles() {
        JsonObject api = client("hearth-api");
        JsonObject attributes = api.getJsonObject("attributes");
        assertEquals("true", attributes.getString("standard.token.exchange.enabled"));
        assertEquals("120", attributes.getString("access.token.lifespan"), "twice the longest invocation timeout");
        assertFalse(api.getBoolean("fullScopeAllowed"), "credentials carry only the roles their scopes map");
        assertFalse(api.containsKey("optionalClientScopes"), "provision-realm links the auxiliary scopes");
    }

    @Test
    void auxiliaryServicesAreAnAudienceThatSignsNobodyIn() {
        JsonObject aux = client("hearth-aux");
        assertFalse(aux.getBoolean("publicClient"));
        assertFalse(aux.getBoolean("standardFlowEnabled"));
        assertFalse(aux.getBoolean("directAccessGrantsEnabled"));
        assertFalse(aux.getBoolean("serviceAccountsEnabled"));
    }

    @Test
    void everyAuxiliaryScopeAddsTheAuxAudienceAndNeedsARealmRole() throws IOException {
        JsonObject provisioned;
        try (InputStream in = HearthRealmTest.class.getResourceAsStream("/keycloak/hearth-aux-scopes.json");
                JsonReader reader = Json.createReader(in)) {
            provisioned = reader.readObject();
        }
        Map<String, JsonObject> scopes = byKey(provisioned.getJsonArray("clientScopes"), "name");
        assertEquals(Set.of("logs:write", "metrics:write", "kv:read", "kv:write"), scopes.keySet());
        JsonObject roles = provisioned.getJsonObject("roles");
        assertEquals(scopes.keySet(), roles.keySet());
        assertEquals(Set.of(Role.ADMIN, Role.DEVELOPER), strings(roles.getJsonArray("kv:write")));
        scopes.values().forEach(scope -> {
            JsonObject mapper = scope.getJsonArray("protocolMappers").getJsonObject(0);
            assertEquals("oidc-audience-mapper", mapper.getString("protocolMapper"));
            assertEquals("hearth-aux", mapper.getJsonObject("config").getString("included.client.audience"));
            assertEquals("true", scope.getJsonObject("attributes").getString("include.in.token.scope"));
        });
        assertEquals("hearth-api", provisioned.getString("exchangeClient"));
    }

    @Test
    void consoleClientIsConfidentialAndRedirectsOnlyToTheConsole() {
        JsonObject console = client("hearth-console");
        assertFalse(console.getBoolean("publicClient"));
        assertFalse(console.containsKey("secret"), "provision-realm sets the secret");
        assertTrue(console.getBoolean("standardFlowEnabled"));
        assertFalse(console.getBoolean("directAccessGrantsEnabled"));
        Set<String> consoles = Set.of(
                "http://127.0.0.1:8080/console/*",
                "http://localhost:8080/console/*",
                "http://127.0.0.1:20080/console/*");
        assertEquals(consoles, strings(console.getJsonArray("redirectUris")));
        assertEquals(
                consoles,
                Set.of(console.getJsonObject("attributes")
                        .getString("post.logout.redirect.uris")
                        .split("##")));
        assertTrue(
                strings(console.getJsonArray("defaultClientScopes")).contains("microprofile-jwt"), "roles as groups");
    }

    private static JsonObject client(String clientId) {
        return byKey(realm.getJsonArray("clients"), "clientId").get(clientId);
    }

    private static Map<String, JsonObject> byKey(List<JsonValue> objects, String key) {
        return objects.stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(object -> object.getString(key), object -> object));
    }

    private static Set<String> names(List<JsonValue> objects, String key) {
        return byKey(objects, key).keySet();
    }

    private static Set<String> strings(List<JsonValue> values) {
        return values.stream().map(value -> ((JsonString) value).getString()).collect(Collectors.toSet());
    }
}
