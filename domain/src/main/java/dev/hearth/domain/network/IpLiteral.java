package dev.hearth.domain.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads a host as the address it denotes, in every notation that Java's or the C library's
 * resolvers take for an address rather than a name, without asking DNS. IPv4 as {@code inet_aton}
 * reads it: one to four parts, each decimal, octal (leading {@code 0}) or hexadecimal ({@code
 * 0x}), the last part filling the remaining bytes ({@code 127.1}, {@code 2130706433}, {@code
 * 0x7f000001}, {@code 0177.0.0.1}), text after white space ignored, and a trailing dot. IPv6 with
 * or without brackets, with a zone id ({@code fe80::1%eth0}, {@code %25eth0}) and with an embedded
 * dotted IPv4 address ({@code ::ffff:127.0.0.1}). Reading more strings as addresses than a
 * resolver would is safe (the guard checks what it read and the caller connects to exactly that);
 * reading fewer only moves the decision to connect time, where the resolver's answer is checked.
 */
public final class IpLiteral {

    private static final long MAX_IPV4 = 0xffff_ffffL;

    private IpLiteral() {}

    /** The address {@code host} denotes, or empty when it is a name. */
    public static Optional<InetAddress> parse(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String text = host;
        boolean bracketed = text.startsWith("[") && text.endsWith("]") && text.length() > 2;
        if (bracketed) {
            text = text.substring(1, text.length() - 1);
        }
        byte[] bytes = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always accepted", e);
        }
    }

    /** {@code inet_aton}'s reading, or null. */
    private static byte[] ipv4(String host) {
        String text = host;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                text = text.substring(0, i); // inet_aton stops at white space
                break;
            }
        }
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = part(parts[i]);
            boolean last = i == parts.length - 1;
            long limit = last ? MAX_IPV4 >>> (8 * i) : 0xff;
            if (values[i] < 0 || values[i] > limit) {
                return null;
            }
        }
        long address = values[parts.length - 1];
        for (int i = 0; i < parts.length - 1; i++) {
            address |= values[i] << (8 * (3 - i));
        }
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    /** One part: decimal, octal with a leading 0, hexadecimal with 0x; -1 when not a number. */
    private static long part(String text) {
        if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '9') {
            return -1;
        }
        int radix = 10;
        String digits = text;
        if (text.length() > 1 && text.charAt(0) == '0') {
            boolean hex = text.charAt(1) == 'x' || text.charAt(1) == 'X';
            radix = hex ? 16 : 8;
            digits = text.substring(hex ? 2 : 1);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = asciiDigit(digits.charAt(i));
            if (digit < 0 || digit >= radix) {
                return -1;
            }
            value = value * radix + digit;
            if (value > MAX_IPV4) {
                return -1;
            }
        }
        return value;
    }

    /** Eight groups of 16 bits, {@code ::} once, an optional dotted IPv4 tail and zone id; or null. */
    private static byte[] ipv6(String host) {
        int zone = host.indexOf('%');
        if (zone == host.length() - 1) {
            return null;
        }
        String text = zone < 0 ? host : host.substring(0, zone);
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int count = head.length + tail.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.length; i++) {
            bytes[2 * i] = (byte) (head[i] >>> 8);
            bytes[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            int at = 8 - tail.length + i;
            bytes[2 * at] = (byte) (tail[i] >>> 8);
            bytes[2 * at + 1] = (byte) tail[i];
        }
        return bytes;
    }

    /** Colon-separated groups; a last dotted IPv4 part counts as two groups; null when malformed. */
    private static int[] groups(String text, boolean ipv4TailAllowed) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] pieces = text.split(":", -1);
        boolean ipv4Tail = pieces[pieces.length - 1].indexOf('.') >= 0;
        if (ipv4Tail && !ipv4TailAllowed) {
            return null;
        }
        int[] groups = new int[pieces.length + (ipv4Tail ? 1 : 0)];
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (ipv4Tail && i == pieces.length - 1) {
                byte[] v4 = dottedQuad(piece);
                if (v4 == null) {
                    return null;
                }
                groups[i] = (v4[0] & 0xff) << 8 | v4[1] & 0xff;
                groups[i + 1] = (v4[2] & 0xff) << 8 | v4[3] & 0xff;
            } else {
                if (piece.isEmpty() || piece.length() > 4 || !piece.chars().allMatch(c -> asciiDigit(c) >= 0)) {
                    return null;
                }
                groups[i] = Integer.parseInt(piece, 16);
            }
        }
        return groups;
    }

    /** Four decimal parts of 0..255, as IPv6 text embeds IPv4. */
    private static byte[] dottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                return null;
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    /** The value of an ASCII hexadecimal digit, -1 for anything else (no other scripts' digits). */
    private static int asciiDigit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
            return (c | 0x20) - 'a' + 10;
        }
        return -1;
    }
}
