package dev.hearth.domain.function;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of an egress allow-list: {@code host:port}, where host is a DNS name or an IPv4
 * address. Destinations on the host itself or reserved for the platform are refused, because the
 * agent's egress path runs on the host: loopback ({@code 127.0.0.0/8}, {@code localhost}), this
 * network ({@code 0.0.0.0/8}), link-local ({@code 169.254.0.0/16}, where cloud metadata services
 * live), multicast and broadcast, and {@value #AUXILIARY_HOST}, the name under which trusted portions
 * reach Hearth's auxiliary services.
 */
public final class EgressDestination {

    public static final int MAX_DESTINATIONS = 16;

    /** The name the agent gives the auxiliary services inside trusted containers. */
    public static final String AUXILIARY_HOST = "aux.hearth.internal";

    private static final Pattern HOST_PORT = Pattern.compile("([^:\\s]+):(\\d{1,5})");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private EgressDestination() {}

    /** The destination as the agent compares it: lower case, no surrounding blanks. */
    public static String normalise(String destination) {
        return destination.strip().toLowerCase(Locale.ROOT);
    }

    /** Why {@code destination} cannot be allowed, or empty when it can. */
    public static Optional<String> problem(String destination) {
        String normalised = normalise(destination);
        Matcher hostPort = HOST_PORT.matcher(normalised);
        if (!hostPort.matches()) {
            return refused(destination, "is not host:port (IPv6 addresses are not supported)");
        }
        String host = hostPort.group(1);
        int port = Integer.parseInt(hostPort.group(2));
        if (port < 1 || port > 65_535) {
            return refused(destination, "has a port outside 1-65535");
        }
        Matcher ipv4 = IPV4.matcher(host);
        if (ipv4.matches()) {
            return addressProblem(destination, ipv4);
        }
        if (host.length() > 253 || !allLabelsValid(host)) {
            return refused(destination, "does not name a valid host");
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return refused(destination, "is the host itself");
        }
        if (host.equals(AUXILIARY_HOST)) {
            return refused(destination, "is reserved: trusted portions reach the auxiliary services without egress");
        }
        return Optional.empty();
    }

    private static Optional<String> addressProblem(String destination, Matcher ipv4) {
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            octets[i] = Integer.parseInt(ipv4.group(i + 1));
            if (octets[i] > 255) {
                return refused(destination, "is not a valid IPv4 address");
            }
        }
        int first = octets[0];
        if (first == 127 || first == 0) {
            return refused(destination, "is the host itself");
        }
        if (first == 169 && octets[1] == 254) {
            return refused(destination, "is link-local (cloud metadata lives there)");
        }
        if (first >= 224) {
            return refused(destination, "is a multicast or reserved address");
        }
        return Optional.empty();
    }

    private static boolean allLabelsValid(String host) {
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> refused(String destination, String why) {
        return Optional.of("egress destination '" + destination + "' " + why);
    }
}
