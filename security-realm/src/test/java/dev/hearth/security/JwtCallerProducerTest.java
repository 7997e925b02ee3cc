package dev.hearth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.NotAuthorizedException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class JwtCallerProducerTest {

    /** A token as Payara hands it over: the claims of a decoded Keycloak access token. */
    private record Token(Map<String, Object> claims) implements JsonWebToken {

        @Override
        public String getName() {
            return (String) claims.get("upn");
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return (T) claims.get(claimName);
        }
    }

    private static Token token(String... claimsAndValues) {
        Map<String, Object> claims = new HashMap<>();
        for (int i = 0; i < claimsAndValues.length; i += 2) {
            claims.put(claimsAndValues[i], claimsAndValues[i + 1]);
        }
        return new Token(claims);
    }

    @Test
    void takesThePreferredUserNameAndTheGroupsAsRoles() {
        Token token = token("preferred_username", "dev", "upn", "dev@hearth.test", "sub", "c0ffee");
        token.claims().put("groups", Set.of(Role.DEVELOPER, "offline_access"));

        Caller caller = JwtCallerProducer.fromToken(token);

        assertEquals("dev", caller.username());
        assertEquals(Set.of(Role.DEVELOPER, "offline_access"), caller.roles());
        assertTrue(caller.mayManage("dev"));
    }

    @Test
    void keepsTheRawTokenForTokenExchangeButNeverPrintsIt() {
        Token token = token("preferred_username", "dev", "raw_token", "eyJ.secret.sig");

        Caller caller = JwtCallerProducer.fromToken(token);

        assertEquals("eyJ.secret.sig", caller.token().orElseThrow());
        assertFalse(caller.toString().contains("secret"));
        assertTrue(new Caller("dev", Set.of()).token().isEmpty(), "the two-argument form has no token");
    }

    @Test
    void fallsBackToUpnThenSubject() {
        assertEquals(
                "dev@hearth.test",
                JwtCallerProducer.fromToken(token("upn", "dev@hearth.test", "sub", "c0ffee"))
                        .username());
        assertEquals(
                "c0ffee", JwtCallerProducer.fromToken(token("sub", "c0ffee")).username());
    }

    @Test
    void aTokenWithoutGroupsHasNoRoles() {
        assertEquals(
                Set.of(), JwtCallerProducer.fromToken(token("sub", "c0ffee")).roles());
    }

    @Test
    void refusesATokenThatNamesNobody() {
        assertThrows(NotAuthorizedException.class, () -> JwtCallerProducer.fromToken(token()));
        assertThrows(NotAuthorizedException.class, () -> JwtCallerProducer.fromToken(null));
    }

    @Test
    void theRequestsPrincipalIsTheCallerOnlyWhenItIsAToken() {
        Token token = token("preferred_username", "dev", "sub", "c0ffee");

        assertEquals("dev", JwtCallerProducer.fromPrincipal(token).username());
        assertThrows(NotAuthorizedException.class, () -> JwtCallerProducer.fromPrincipal(() -> "dev"));
        assertThrows(NotAuthorizedException.class, () -> JwtCallerProducer.fromPrincipal(null));
    }
}
