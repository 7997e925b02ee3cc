package dev.hearth.console;

import dev.hearth.security.setting.SecretSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's OpenID Connect client settings from MicroProfile Config, named {@code consoleOidc}
 * for the expressions of {@link ConsoleSignIn}. The defaults fit {@code ./hearth up}'s ports; the
 * start scripts set system properties of the same names (a WAR's own {@code
 * microprofile-config.properties} is not seen when Payara validates an EAR's config injections).
 */
@Named("consoleOidc")
@ApplicationScoped
public class ConsoleOidcSettings {

    @Inject
    @ConfigProperty(name = "hearth.console.oidc.provider-uri", defaultValue = "http://127.0.0.1:8180/realms/hearth")
    String providerUri;

    @Inject
    @ConfigProperty(name = "hearth.console.oidc.client-id", defaultValue = "hearth-console")
    String clientId;

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "hearth.console.oidc.redirect-uri", defaultValue = "http://127.0.0.1:8080/console/callback")
    String redirectUri;

    @Inject
    @ConfigProperty(
            name = "hearth.console.oidc.signed-out-uri",
            defaultValue = "http://127.0.0.1:8080/console/signed-out")
    String signedOutUri;

    public String getProviderUri() {
        return providerUri;
    }

    public String getClientId() {
        return clientId;
    }

    /**
     * The secret as Keycloak's admin set it: a password alias {@code hearth.console.oidc.client-secret},
     * or a file named by {@code hearth.console.oidc.client-secret-file}; never in the server's configuration.
     */
    public String getClientSecret() {
        return SecretSettings.source(config, SecretSettings.CONSOLE_CLIENT_SECRET)
                .text();
    }

    public String getRedirectUri() {
        return redirectUri;
    }

    /** Where Keycloak sends the browser after sign-out (a post-logout redirect URI of the client). */
    public String getSignedOutUri() {
        return signedOutUri;
    }
}
