package dev.hearth.domain.network;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges that are not the public internet (IANA's special-purpose registries), what
 * each one is, and which of them an admin may open as a private network. Ranges inside others come
 * first, so that an address is named by its narrowest range.
 */
final class SpecialRanges {

    /** One range as written ({@code cidr}) and what it is; {@code privateNetwork}: an admin may allow it. */
    record Special(AddressRange range, String cidr, String what, boolean privateNetwork) {}

    static final List<Special> ALL = List.of(
            // Cloud services a machine reaches at a fixed address outside link-local, two of them
            // inside ranges an admin may open: refused whatever the admin allows.
            special("100.100.100.200/32", "a cloud metadata service (Alibaba Cloud)"),
            special("168.63.129.16/32", "a cloud host service (Azure's WireServer)"),
            special("fd00:ec2::254/128", "a cloud metadata service (AWS, IPv6)"),
            special("0.0.0.0/8", "unspecified (this network)"),
            special("127.0.0.0/8", "loopback"),
            special("169.254.0.0/16", "link-local (cloud metadata lives there)"),
            privateNetwork("10.0.0.0/8", "a private network (RFC 1918)"),
            privateNetwork("172.16.0.0/12", "a private network (RFC 1918)"),
            privateNetwork("192.168.0.0/16", "a private network (RFC 1918)"),
            privateNetwork("100.64.0.0/10", "a shared carrier-grade NAT network (RFC 6598)"),
            special("192.0.0.0/24", "reserved (IETF protocol assignments)"),
            special("192.0.2.0/24", "reserved for documentation"),
            special("198.51.100.0/24", "reserved for documentation"),
            special("203.0.113.0/24", "reserved for documentation"),
            special("192.88.99.0/24", "reserved (the 6to4 relay anycast)"),
            special("198.18.0.0/15", "reserved for benchmarking"),
            special("224.0.0.0/4", "multicast"),
            special("255.255.255.255/32", "broadcast"),
            special("240.0.0.0/4", "reserved"),
            special("::/128", "unspecified"),
            special("::1/128", "loopback"),
            special("fe80::/10", "link-local"),
            special("fec0::/10", "site-local (deprecated)"),
            privateNetwork("fc00::/7", "a unique local network (ULA)"),
            special("ff00::/8", "multicast"),
            special("64:ff9b:1::/48", "local-use NAT64"),
            special("100::/64", "reserved (discard only)"),
            special("2001:2::/48", "reserved for benchmarking"),
            special("2001:10::/28", "reserved (ORCHID)"),
            special("2001:20::/28", "reserved (ORCHIDv2)"),
            special("2001:db8::/32", "reserved for documentation"),
            special("3fff::/20", "reserved for documentation"),
            special("5f00::/16", "reserved (SRv6)"));

    private SpecialRanges() {}

    /** The narrowest special range holding {@code address}, if any. */
    static Optional<Special> of(InetAddress address) {
        return ALL.stream().filter(s -> s.range().contains(address)).findFirst();
    }

    /** Why {@code range} is not inside one of the private networks an admin may allow, or empty. */
    static Optional<String> notPrivate(AddressRange range) {
        boolean inside =
                ALL.stream().anyMatch(s -> s.privateNetwork() && s.range().contains(range));
        return inside
                ? Optional.empty()
                : Optional.of("is not inside a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, "
                        + "100.64.0.0/10, fc00::/7)");
    }

    /**
     * The IPv4 addresses that an IPv6 address carries and that traffic to it reaches: IPv4-mapped
     * and IPv4-compatible ({@code ::ffff:a.b.c.d}, {@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::/96}),
     * 6to4 ({@code 2002::/16}) and Teredo ({@code 2001::/32}: the server and the client).
     */
    static List<InetAddress> embeddedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        List<InetAddress> embedded = new ArrayList<>();
        if (b.length != 16) {
            return embedded;
        }
        boolean zeroPrefix = allZero(b, 0, 10);
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
        boolean nat64 =
                b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            embedded.add(ipv4(b[12], b[13], b[14], b[15]));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            embedded.add(ipv4(b[2], b[3], b[4], b[5]));
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            embedded.add(ipv4(b[4], b[5], b[6], b[7]));
            embedded.add(ipv4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]));
        }
        return embedded;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    private static Special special(String cidr, String what) {
        return new Special(AddressRange.parse(cidr), cidr, what, false);
    }

    private static Special privateNetwork(String cidr, String what) {
        return new Special(AddressRange.parse(cidr), cidr, what, true);
    }
}
