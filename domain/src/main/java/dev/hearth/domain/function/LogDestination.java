package dev.hearth.domain.function;

import dev.hearth.domain.network.DestinationGuard;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The user's own logging endpoint for one invocation, and the {@code Authorization} header value
 * that endpoint wants (or null). Hearth posts the invocation's logs there when it has run. The
 * endpoint must be an {@code http} or {@code https} URL to a destination the {@link
 * DestinationGuard} allows: never the host Hearth runs on, nor a private network an admin did not
 * allow. The shipper asks the guard again when it connects, by what the name then resolves to.
 */
public record LogDestination(URI endpoint, String authorization) {

    public static final int MAX_AUTHORIZATION_CHARS = 4096;

    /** Every reason {@code endpoint} and {@code authorization} cannot be used, empty when they can. */
    public static List<String> problems(String endpoint, String authorization, DestinationGuard guard) {
        List<String> problems = new ArrayList<>();
        URI uri = parse(endpoint);
        if (uri == null) {
            problems.add("the log endpoint '" + endpoint + "' is not an absolute http or https URL");
        } else {
            guard.problemAtUpload(uri.getHost(), port(uri))
                    .ifPresent(problem -> problems.add("the log endpoint " + problem));
        }
        if (authorization != null
                && (authorization.length() > MAX_AUTHORIZATION_CHARS
                        || authorization.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            problems.add("the log endpoint's authorization must be one header value of at most "
                    + MAX_AUTHORIZATION_CHARS + " characters");
        }
        return problems;
    }

    /** The destination, when {@link #problems} found none. */
    public static LogDestination of(String endpoint, String authorization, DestinationGuard guard) {
        List<String> problems = problems(endpoint, authorization, guard);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new LogDestination(parse(endpoint), authorization);
    }

    /** The endpoint's port, the scheme's default when the URL names none. */
    public int port() {
        return port(endpoint);
    }

    /** Whether the endpoint wants TLS. */
    public boolean secure() {
        return endpoint.getScheme().equalsIgnoreCase("https");
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static URI parse(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean usable = (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && uri.getRawFragment() == null;
            return usable ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
