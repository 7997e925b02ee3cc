package dev.hearth.security.setting;

import java.util.List;
import org.eclipse.microprofile.config.Config;

/** Hearth's secret settings, and how to find each in MicroProfile Config. */
public final class SecretSettings {

    /** Shared with the host agents; the connector reads it (glassfish-resources.xml). */
    public static final String AGENT_SECRET = "hearth.agent.secret";
    /** Hearth's secret as Keycloak client hearth-api (token exchange). */
    public static final String CREDENTIALS_CLIENT_SECRET = "hearth.credentials.client-secret";
    /** The console's secret as Keycloak client hearth-console (browser sign-in). */
    public static final String CONSOLE_CLIENT_SECRET = "hearth.console.oidc.client-secret";
    /** The AES-256 key of the functions' secrets: 32 bytes in a file, or their Base64 as the value. */
    public static final String SECRETS_KEY = "hearth.secrets.key";

    public static final List<String> ALL =
            List.of(AGENT_SECRET, CREDENTIALS_CLIENT_SECRET, CONSOLE_CLIENT_SECRET, SECRETS_KEY);

    private SecretSettings() {}

    /** Where the secret of setting {@code name} is configured now. */
    public static SecretSource source(Config config, String name) {
        return SecretSource.of(
                name,
                config.getOptionalValue(name, String.class),
                config.getOptionalValue(name + "-file", String.class));
    }
}
