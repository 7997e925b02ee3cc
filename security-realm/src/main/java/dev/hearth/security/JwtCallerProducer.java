package dev.hearth.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAuthorizedException;
import java.security.Principal;
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

    /**
     * From the request's principal, which is the validated token once MP-JWT authenticated the
     * request, rather than from the injectable {@code JsonWebToken}: Payara produces that bean
     * through Jakarta Security's caller lookup, which probes for other servers' classes and JNDI on
     * every request (ADR 9).
     */
    @Produces
    public Caller caller(HttpServletRequest request) {
        return fromPrincipal(request.getUserPrincipal());
    }

    /**
     * The caller behind a request's principal.
     *
     * @throws NotAuthorizedException the principal is no token (no bearer token came): 401
     */
    public static Caller fromPrincipal(Principal principal) {
        return fromToken(principal instanceof JsonWebToken token ? token : null);
    }

    /**
     * The user name is {@code preferred_username}, else {@code upn}, else the subject; the roles are
     * the {@code groups} claim (Keycloak's realm roles through the {@code microprofile-jwt} scope);
     * the raw token goes along for token exchange.
     *
     * @throws NotAuthorizedException the request carries no token that names a user (401): resources
     *     are created, and their caller produced, before the container checks {@code @RolesAllowed}
     */
    public static Caller fromToken(JsonWebToken token) {
        if (token == null) {
            throw unauthenticated();
        }
        String username = Stream.of(Claims.preferred_username, Claims.upn, Claims.sub)
                .map(claim -> token.<Object>getClaim(claim.name()))
                .filter(value -> value != null && !value.toString().isBlank())
                .map(JwtCallerProducer::claimText)
                .findFirst()
                .orElseThrow(JwtCallerProducer::unauthenticated);
        Set<String> roles = Optional.ofNullable(token.getGroups()).orElse(Set.of());
        return new Caller(username, roles, token.getRawToken());
    }

    private static NotAuthorizedException unauthenticated() {
        return new NotAuthorizedException("no bearer token that names a user", "Bearer realm=\"hearth\"");
    }

    /** Claims may come as {@code jakarta.json.JsonString}, whose {@code toString()} keeps the quotes. */
    private static String claimText(Object value) {
        return value instanceof JsonString json ? json.getString() : value.toString();
    }
}
