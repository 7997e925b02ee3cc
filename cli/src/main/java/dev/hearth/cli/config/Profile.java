package dev.hearth.cli.config;

import java.net.URI;

/**
 * Where one Hearth is: its API and the realm (the OpenID Connect issuer) that signs its users in,
 * and the realm's client the CLI signs in as.
 */
public record Profile(String name, URI apiUrl, URI realmUrl, String clientId) {

    /** The quick start's Hearth ({@code ./hearth up} on this machine). */
    public static final URI QUICK_START_API = URI.create("http://127.0.0.1:8080/api/v1");

    public static final URI QUICK_START_REALM = URI.create("http://127.0.0.1:8180/realms/hearth");
    public static final String DEFAULT_CLIENT = "hearth-cli";
    public static final String DEFAULT_NAME = "default";

    public Profile {
        apiUrl = withoutTrailingSlash(apiUrl);
        realmUrl = withoutTrailingSlash(realmUrl);
    }

    public static Profile quickStart(String name) {
        return new Profile(name, QUICK_START_API, QUICK_START_REALM, DEFAULT_CLIENT);
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
