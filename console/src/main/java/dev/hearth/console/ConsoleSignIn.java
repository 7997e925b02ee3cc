package dev.hearth.console;

import dev.hearth.security.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.LogoutDefinition;

/**
 * Browser sign-in through Keycloak's authorization code flow, for this module only (the API keeps
 * MicroProfile JWT). The realm roles arrive in the tokens' {@code groups} claim (the client's
 * {@code microprofile-jwt} scope) and become the caller's groups, mapped to the same-named roles.
 * {@code request.logout()} ends the session and sends the browser to the realm's end-session
 * endpoint, which returns it to the signed-out page.
 */
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${consoleOidc.providerUri}",
        clientId = "${consoleOidc.clientId}",
        clientSecret = "${consoleOidc.clientSecret}",
        redirectURI = "${consoleOidc.redirectUri}",
        claimsDefinition = @ClaimsDefinition(callerNameClaim = "preferred_username", callerGroupsClaim = "groups"),
        logout = @LogoutDefinition(notifyProvider = true, redirectURI = "${consoleOidc.signedOutUri}"))
@DeclareRoles({Role.ADMIN, Role.DEVELOPER, Role.INVOKER})
@ApplicationScoped
public class ConsoleSignIn {}
