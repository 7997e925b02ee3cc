package dev.hearth.web.api;

import dev.hearth.scheduler.application.AuxiliaryService;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * MicroProfile JWT accepts tokens for either audience Hearth serves ({@code mp.jwt.verify.audiences}
 * lists both); this filter keeps them apart: the auxiliary services under {@code aux/} take only
 * invocation credentials (audience {@code hearth-aux}), everything else only API tokens (audience
 * {@code hearth-api}), so that a credential handed to a trusted portion cannot act as its user on
 * the API, and a user's API token is no credential.
 *
 * <p>The token is the request's principal (Payara hands MP-JWT's validated token over as such),
 * not the injectable {@code JsonWebToken}, whose production costs a Jakarta Security caller lookup
 * per request (ADR 9).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AudienceFilter implements ContainerRequestFilter {

    static final String API_AUDIENCE = "hearth-api";

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)
                || token.getRawToken() == null) {
            return; // no token: @RolesAllowed answers 401
        }
        boolean auxiliary = request.getUriInfo().getPath().startsWith("aux/");
        String needed = auxiliary ? AuxiliaryService.AUDIENCE : API_AUDIENCE;
        Set<String> audience = token.getAudience();
        if (audience == null || !audience.contains(needed)) {
            request.abortWith(new Problem(
                            ProblemType.UNAUTHENTICATED,
                            401,
                            auxiliary
                                    ? "The auxiliary services take only invocation credentials (audience " + needed
                                            + ")."
                                    : "This token is not for the Hearth API (audience " + needed + ").",
                            request.getUriInfo().getRequestUri().getRawPath())
                    .toResponseBuilder()
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"hearth\", error=\"invalid_token\"")
                    .build());
        }
    }
}
