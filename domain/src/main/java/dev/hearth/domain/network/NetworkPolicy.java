package dev.hearth.domain.network;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the guard knows beyond the fixed rules: the private networks an admin allows functions and
 * log endpoints to reach (RFC 1918, CGNAT or ULA ranges only; default none), and the addresses of
 * Hearth's own hosts that the caller knows (its own, and for the agent the auxiliary services'),
 * which stay refused even inside an allowed network.
 */
public record NetworkPolicy(List<AddressRange> allowedPrivateNetworks, Set<InetAddress> ownAddresses) {

    /** No private network allowed, no own address known: the upload-time default. */
    public static final NetworkPolicy NONE = new NetworkPolicy(List.of(), Set.of());

    /**
     * Every private network allowed: for a client that cannot know which ones the server's admin
     * allowed (the CLI before it uploads). It refuses what every server refuses and leaves the
     * private networks to the server's own check.
     */
    public static NetworkPolicy everyPrivateNetwork() {
        return new NetworkPolicy(
                SpecialRanges.ALL.stream()
                        .filter(SpecialRanges.Special::privateNetwork)
                        .map(SpecialRanges.Special::range)
                        .toList(),
                Set.of());
    }

    public NetworkPolicy {
        allowedPrivateNetworks = List.copyOf(allowedPrivateNetworks);
        ownAddresses = Set.copyOf(ownAddresses);
    }

    /**
     * The allowed private networks as an admin writes them ({@code 10.20.0.0/16}, {@code fd12::/16},
     * a bare address).
     *
     * @throws IllegalArgumentException naming every entry that is not a CIDR range inside a private
     *     range (RFC 1918, CGNAT {@code 100.64.0.0/10}, ULA {@code fc00::/7})
     */
    public static List<AddressRange> parseAllowedPrivateNetworks(List<String> entries) {
        List<AddressRange> ranges = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String entry : entries) {
            try {
                AddressRange range = AddressRange.parse(entry);
                Optional<String> notPrivate = SpecialRanges.notPrivate(range);
                notPrivate.ifPresentOrElse(
                        why -> problems.add("allowed private network '" + entry + "' " + why), () -> ranges.add(range));
            } catch (IllegalArgumentException e) {
                problems.add("allowed private network " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return List.copyOf(ranges);
    }
}
