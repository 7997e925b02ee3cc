package dev.hearth.hypervisor.host.egress;

import dev.hearth.domain.function.EgressDestination;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Where a request to the egress proxy wants to go. */
record Target(String host, int port, String pathAndQuery) {

    /** A host as a request may write it: a name, an address in any notation, IPv6 with a zone. */
    private static final Pattern HOST_TEXT = Pattern.compile("[A-Za-z0-9._%:-]{1,253}");

    String hostPort() {
        return EgressDestination.normalise((host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /**
     * What in a path could lead a server out of the prefix: encoded dots, slashes, backslashes,
     * semicolons and NULs, backslashes, and semicolons (a server that strips path parameters reads
     * {@code ..;} as {@code ..}).
     */
    private static final List<String> CLIMBERS = List.of("%2e", "%2f", "%5c", "%3b", "%00", "\\", ";");

    /**
     * This request's path below {@code base} ({@code http://host:port/prefix}), or null when
     * the path could leave the prefix (dot segments, or any of {@link #CLIMBERS}).
     */
    Target under(URI base) {
        String lower = pathAndQuery.toLowerCase(Locale.ROOT);
        if (CLIMBERS.stream().anyMatch(lower::contains)) {
            return null;
        }
        String path = pathAndQuery.split("\\?", 2)[0];
        if (Arrays.stream(path.split("/")).anyMatch(segment -> segment.equals(".") || segment.equals(".."))) {
            return null;
        }
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        int basePort = base.getPort() > 0 ? base.getPort() : 80;
        return new Target(unbracket(base.getHost()), basePort, prefix + pathAndQuery);
    }

    /**
     * {@code host:port} or {@code [v6]:port}, as CONNECT names it. The host is kept as written
     * (a number such as {@code 2130706433} too): the guard reads what it denotes.
     */
    static Target ofAuthority(String authority) {
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0 || !authority.startsWith(":", close + 1)) {
                return null;
            }
            host = authority.substring(1, close);
            port = authority.substring(close + 2);
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon < 0) {
                return null;
            }
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
        }
        if (!HOST_TEXT.matcher(host).matches() || !port.matches("[0-9]{1,5}")) {
            return null;
        }
        int number = Integer.parseInt(port);
        return number < 1 || number > 65_535 ? null : new Target(host, number, "");
    }

    /** An absolute {@code http://} URI, as a proxy receives a plain request. */
    static Target ofUri(String text) {
        if (!text.regionMatches(true, 0, "http://", 0, 7)) {
            return null;
        }
        String rest = text.substring(7);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(c);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        String authority = rest.substring(0, end);
        String pathAndQuery = rest.substring(end).split("#", 2)[0];
        if (pathAndQuery.isEmpty() || pathAndQuery.startsWith("?")) {
            pathAndQuery = "/" + pathAndQuery;
        }
        boolean hasPort = authority.startsWith("[") ? authority.contains("]:") : authority.contains(":");
        Target target = ofAuthority(hasPort ? authority : authority + ":80");
        return target == null ? null : new Target(target.host(), target.port(), pathAndQuery);
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
