package dev.hearth.security.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeycloakTokenExchangeMinterTest {

    private static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void readsIdentifierSubjectScopesAndExpiryFromTheExchangedToken() {
        String token = jwt("{\"jti\":\"ntrtte:1\",\"sub\":\"u-1\",\"aud\":\"hearth-aux\","
                + "\"scope\":\"profile kv:read microprofile-jwt\",\"exp\":1795797404}");

        MintedCredential credential = KeycloakTokenExchangeMinter.credential(token);

        assertEquals("ntrtte:1", credential.id());
        assertEquals("u-1", credential.subject());
        assertEquals(Set.of("profile", "kv:read", "microprofile-jwt"), credential.scopes());
        assertEquals(Instant.ofEpochSecond(1795797404), credential.expiresAt());
        assertEquals(token, credential.token());
        assertFalse(credential.toString().contains(token), "the token is never printed");
    }

    @Test
    void withoutAClientSecretNothingIsMinted() {
        CredentialMinter minter = new KeycloakTokenExchangeMinter(URI.create("http://127.0.0.1:1/token"), null);
        assertThrows(
                CredentialUnavailableException.class,
                () -> minter.mint("t", new CredentialProfile("c", "a", Set.of("s")), Set.of("s")));
    }
}
