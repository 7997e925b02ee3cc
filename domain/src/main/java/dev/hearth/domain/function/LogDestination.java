package dev.hearth.domain.function;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The user's own logging endpoint for one invocation, and the {@code Authorization} header value
 * that endpoint wants (or null). Hearth posts the invocation's logs there when it has run. The
 * endpoint must be an {@code http} or {@code https} URL to a destination that an egress allow-list
 * could name (see {@link EgressDestination}): never the host Hearth runs on.
 */
public record LogDestination(URI endpoint, String authorization) {

    public static final int MAX_AUTHORIZATION_CHARS = 4096;

    /** Every reason {@code endpoint} and {@code authorization} cannot be used, empty when they can. */
    public static List<String> problems(String endpoint, String authorization) {
        List<String> problems = new ArrayList<>();
        URI uri = parse(endpoint);
        if (uri == null) {
            problems.add("the log endpoint '" + endpoint + "' is not an absolute http or https URL");
        } else {
            int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
            EgressDestination.problem(uri.getHost() + ":" + port)
                    .ifPresent(problem -> problems.add("the log endpoint's " + problem));
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
    public static LogDestination of(String endpoint, String authorization) {
        List<String> problems = problems(endpoint, authorization);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new LogDestination(parse(endpoint), authorization);
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
