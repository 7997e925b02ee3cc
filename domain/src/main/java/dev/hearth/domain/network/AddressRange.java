package dev.hearth.domain.network;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A block of addresses in CIDR notation: {@code 10.0.0.0/8}, {@code fd00::/8}, or a bare address
 * (one host). The network address is kept with its host bits cleared. IPv4 ranges hold IPv4
 * addresses only, IPv6 ranges IPv6 addresses only.
 */
public record AddressRange(InetAddress network, int prefixLength) {

    public AddressRange {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("a prefix length lies in 0.." + bits);
        }
        network = masked(network, prefixLength);
    }

    /**
     * Reads {@code 10.0.0.0/8}, {@code fd00::/8} or a bare address.
     *
     * @throws IllegalArgumentException not an address with an optional prefix length
     */
    public static AddressRange parse(String cidr) {
        String text = cidr == null ? "" : cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress network = IpLiteral.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("'" + cidr + "' is not an address or a CIDR range"));
        int bits = network.getAddress().length * 8;
        if (slash < 0) {
            return new AddressRange(network, bits);
        }
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
            throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + bits);
        }
        return new AddressRange(network, Integer.parseInt(prefix));
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] mine = network.getAddress();
        if (candidate.length != mine.length) {
            return false;
        }
        return java.util.Arrays.equals(masked(candidate, prefixLength), mine);
    }

    /** Whether every address of {@code other} lies in this range. */
    public boolean contains(AddressRange other) {
        return other.prefixLength >= prefixLength && contains(other.network);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
        try {
            return InetAddress.getByAddress(masked(address.getAddress(), prefixLength));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always accepted", e);
        }
    }

    private static byte[] masked(byte[] bytes, int prefixLength) {
        byte[] result = bytes.clone();
        for (int i = 0; i < result.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            result[i] = (byte) (result[i] & (0xff00 >> keep));
        }
        return result;
    }
}
