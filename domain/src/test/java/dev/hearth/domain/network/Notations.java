package dev.hearth.domain.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Every way a resolver accepts one address in text, with the free choices (radix, padding) drawn from a seed. */
final class Notations {

    private Notations() {}

    /** IPv4 {@code address}: inet_aton forms (1 to 4 parts, mixed radixes), trailing dot, IPv6 forms that carry it. */
    static List<String> ofIpv4(long address, long seed) {
        Random random = new Random(seed);
        List<String> all = new ArrayList<>();
        int a = (int) (address >>> 24 & 0xff);
        int b = (int) (address >>> 16 & 0xff);
        int c = (int) (address >>> 8 & 0xff);
        int d = (int) (address & 0xff);
        all.add(a + "." + b + "." + c + "." + d);
        all.add(Long.toString(address));
        all.add("0x" + Long.toHexString(address));
        all.add("0X" + Long.toHexString(address).toUpperCase());
        all.add("0" + Long.toOctalString(address));
        all.add(part(a, random) + "." + part(b, random) + "." + part(c, random) + "." + part(d, random));
        all.add(part(a, random) + "." + part(b, random) + "." + part((c << 8) | d, random));
        all.add(part(a, random) + "." + part(address & 0xff_ffff, random));
        all.add(part(address, random));
        List<String> withDot = all.stream().map(text -> text + ".").toList();
        all.addAll(withDot);
        String quad = a + "." + b + "." + c + "." + d;
        String high = Integer.toHexString(a << 8 | b);
        String low = Integer.toHexString(c << 8 | d);
        all.add("::ffff:" + quad);
        all.add("[::ffff:" + quad + "]");
        all.add("::ffff:" + high + ":" + low);
        all.add("0:0:0:0:0:FFFF:" + high.toUpperCase() + ":" + low);
        all.add("::" + quad);
        all.add("[::" + quad + "]");
        all.add("64:ff9b::" + quad);
        all.add("64:ff9b::" + high + ":" + low);
        all.add("2002:" + high + ":" + low + "::1");
        all.add("[2002:" + high + ":" + low + ":1::]");
        String clientHigh = Integer.toHexString(~(a << 8 | b) & 0xffff);
        String clientLow = Integer.toHexString(~(c << 8 | d) & 0xffff);
        all.add("2001:0:4136:e378:8000:63bf:" + clientHigh + ":" + clientLow); // Teredo client
        all.add("2001:0:" + high + ":" + low + "::bec9:1c87"); // Teredo server, its client 65.54.227.120
        return all;
    }

    /** IPv6 {@code bytes}: compressed, full, upper case, bracketed, zoned (plain and URL-encoded). */
    static List<String> ofIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        List<String> full = new ArrayList<>();
        for (int g : groups) {
            full.add(Integer.toHexString(g));
        }
        String plain = String.join(":", full);
        String padded = String.join(
                ":", full.stream().map(g -> "0".repeat(4 - g.length()) + g).toList());
        String compressed = compressed(groups);
        List<String> all = new ArrayList<>(List.of(plain, padded, compressed, compressed.toUpperCase()));
        for (String text : List.copyOf(all)) {
            all.add("[" + text + "]");
            all.add(text + "%eth0");
            all.add(text + "%25eth0");
            all.add("[" + text + "%2]");
        }
        return all;
    }

    /** One inet_aton part: decimal, octal with leading zeros, or hexadecimal with zero padding. */
    private static String part(long value, Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Long.toString(value);
            case 1 -> "0".repeat(1 + random.nextInt(3)) + Long.toOctalString(value);
            default -> (random.nextBoolean() ? "0x" : "0X")
                    + "0".repeat(random.nextInt(3))
                    + (random.nextBoolean()
                            ? Long.toHexString(value)
                            : Long.toHexString(value).toUpperCase());
        };
    }

    /** The longest run of zero groups as {@code ::}. */
    private static String compressed(int[] groups) {
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestLength < 2) {
            List<String> parts = new ArrayList<>();
            for (int g : groups) {
                parts.add(Integer.toHexString(g));
            }
            return String.join(":", parts);
        }
        List<String> head = new ArrayList<>();
        for (int i = 0; i < bestStart; i++) {
            head.add(Integer.toHexString(groups[i]));
        }
        List<String> tail = new ArrayList<>();
        for (int i = bestStart + bestLength; i < 8; i++) {
            tail.add(Integer.toHexString(groups[i]));
        }
        return String.join(":", head) + "::" + String.join(":", tail);
    }
}
