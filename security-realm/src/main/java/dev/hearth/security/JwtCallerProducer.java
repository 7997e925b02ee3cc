package dev.hearth.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.json.JsonString;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Makes the request's MicroProfile JWT available as a {@link Caller}. The caller is produced in
 * the dependent scope (a record cannot be proxied), so inject it into request-scoped beans only.
 */
@ApplicationScoped
public class JwtCallerProducer {

    @Produces
    public Caller caller(JsonWebToken token) {
        return fromToken(token);
    }

    /**
     * The user name is {@code preferred_username}, else {@code upn}, else the subject; the roles are
     * the {@code groups} claim (Keycloak's realm roles through the {@code microprofile-jwt} scope);
     * the raw token goes along for token exchange.
     *
     * @throws IllegalStateException the request carries no token that names a user: a resource that
     *     needs a caller is missing its {@code @RolesAllowed}
     */
    public static Caller fromToken(JsonWebToken token) {
        if (token == null) {
            throw new IllegalStateException("no authenticated JSON Web Token in this request");
        }
        String username = Stream.of(Claims.preferred_username, Claims.upn, Claims.sub)
                .map(claim -> token.<Object>getClaim(claim.name()))
                .filter(value -> value != null && !value.toString().isBlank())
                .map(JwtCallerProducer::claimText)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the JSON Web Token names no user"));
        Set<String> roles = Optional.ofNullable(token.getGroups()).orElse(Set.of());
        return new Caller(username, roles, token.getRawToken());
    }

    /** Claims may come as {@code jakarta.json.JsonString}, whose {@code toString()} keeps the quotes. */
    private static String claimText(Object value) {
        return value instanceof JsonString json ? json.getString() : value.toString();
    }
}
