package dev.hearth.domain.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that decides whether Hearth may open a connection on a user's behalf (egress of a
 * trusted portion, a log endpoint). Refused: the host itself (loopback, unspecified, every address
 * of its own interfaces) and the other Hearth hosts the caller knows, link-local (cloud metadata)
 * and the cloud services at fixed addresses elsewhere, private networks (RFC 1918, CGNAT, ULA),
 * multicast, broadcast and reserved ranges, the IPv6 forms that carry such an IPv4 address
 * (mapped, compatible, NAT64, 6to4, Teredo), and the names {@code localhost}, {@code *.localhost}
 * and {@value #AUXILIARY_HOST}. A private network an admin allowed is reachable, except the
 * Hearth hosts' addresses and the cloud services in it.
 *
 * <p>{@link #check} is the authority, at connect time: it resolves once, refuses when any answer is
 * refused, and returns the address the caller must connect to. {@link #problemAtUpload} is the
 * early, DNS-free check of the same rules for an allow-list entry or a log endpoint.
 */
public final class DestinationGuard {

    /** The name under which trusted portions reach Hearth's auxiliary services, never egress. */
    public static final String AUXILIARY_HOST = "aux.hearth.internal";

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_NAME_LENGTH = 253;

    private final NetworkPolicy policy;

    public DestinationGuard(NetworkPolicy policy) {
        this.policy = policy;
    }

    /** Why Hearth may not connect to {@code address} (e.g. "127.0.0.1 is loopback"), or empty. */
    public Optional<String> refusal(InetAddress address) {
        String shown = address.getHostAddress();
        if (policy.ownAddresses().contains(address)) {
            return Optional.of(shown + " is an address of a Hearth host");
        }
        Optional<SpecialRanges.Special> special = SpecialRanges.of(address);
        if (special.isPresent()) {
            SpecialRanges.Special range = special.get();
            boolean allowed = range.privateNetwork()
                    && policy.allowedPrivateNetworks().stream().anyMatch(n -> n.contains(address));
            if (!allowed) {
                return Optional.of(shown + " is " + range.what() + " (" + range.cidr()
                        + (range.privateNetwork() ? ", not among the allowed private networks)" : ")"));
            }
        }
        for (InetAddress embedded : SpecialRanges.embeddedIpv4(address)) {
            Optional<String> refusal = refusal(embedded);
            if (refusal.isPresent()) {
                return Optional.of(shown + " carries " + refusal.get());
            }
        }
        return Optional.empty();
    }

    /**
     * The connect-time decision for {@code host:port}: an address in any notation is read, not
     * resolved; a name is resolved once by {@code resolver}, and refused when any of its addresses
     * is. {@link Decision.Allowed} holds the first address checked: connect to it, not to the name.
     */
    public Decision check(String host, int port, Resolver resolver) {
        String destination = host + ":" + port;
        if (port < 1 || port > 65_535) {
            return new Decision.Refused(destination + " has a port outside 1-65535");
        }
        Optional<InetAddress> literal = IpLiteral.parse(host);
        if (literal.isPresent()) {
            return refusal(literal.get())
                    .<Decision>map(why -> new Decision.Refused(destination + " is refused: " + why))
                    .orElseGet(() -> new Decision.Allowed(new InetSocketAddress(literal.get(), port)));
        }
        Optional<String> nameProblem = nameProblem(host);
        if (nameProblem.isPresent()) {
            return new Decision.Refused(destination + " " + nameProblem.get());
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new Decision.Refused(destination + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            return new Decision.Refused(destination + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> why = refusal(address);
            if (why.isPresent()) {
                return new Decision.Refused(destination + " is refused: " + why.get());
            }
        }
        // Only the bytes: an address carrying the name would invite a second look-up.
        return new Decision.Allowed(new InetSocketAddress(withoutName(addresses[0]), port));
    }

    /**
     * The upload-time check of an allow-list entry or a log endpoint, without DNS: an address in
     * any notation by the address rules, a name by the name rules. The message names the entry.
     * What a name resolves to is checked at connect time ({@link #check}), the authority.
     */
    public Optional<String> problemAtUpload(String host, int port) {
        String destination = host + ":" + port;
        if (port < 1 || port > 65_535) {
            return Optional.of("'" + destination + "' has a port outside 1-65535");
        }
        Optional<InetAddress> literal = IpLiteral.parse(host);
        if (literal.isPresent()) {
            return refusal(literal.get()).map(why -> "'" + destination + "' is refused: " + why);
        }
        return nameProblem(host).map(why -> "'" + destination + "' " + why);
    }

    /** The rules for a name (not an address): valid DNS syntax, not the host itself, not reserved. */
    private static Optional<String> nameProblem(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (name.isEmpty()
                || name.length() > MAX_NAME_LENGTH
                || !Arrays.stream(name.split("\\.", -1))
                        .allMatch(label -> LABEL.matcher(label).matches())) {
            return Optional.of("does not name a valid host");
        }
        if (name.substring(name.lastIndexOf('.') + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("does not name a valid host (an address, or a name whose last label is a number)");
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return Optional.of("is the host itself (localhost)");
        }
        if (name.equals(AUXILIARY_HOST)) {
            return Optional.of("is reserved: trusted portions reach the auxiliary services without egress");
        }
        return Optional.empty();
    }

    private static InetAddress withoutName(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always accepted", e);
        }
    }
}
