package dev.hearth.domain.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class DestinationGuardProperties {

    private static final DestinationGuard STRICT = new DestinationGuard(NetworkPolicy.NONE);

    /** A literal must be read, never resolved. */
    private static final Resolver NO_DNS = name -> fail("resolved '" + name + "', which is an address");

    private static final List<String> REFUSED_IPV4 = List.of(
            "0.0.0.0/8",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "172.16.0.0/12",
            "192.0.0.0/24",
            "192.0.2.0/24",
            "192.88.99.0/24",
            "192.168.0.0/16",
            "198.18.0.0/15",
            "198.51.100.0/24",
            "203.0.113.0/24",
            "224.0.0.0/4",
            "240.0.0.0/4",
            "255.255.255.255/32");

    private static final List<String> REFUSED_IPV6 = List.of(
            "::/128",
            "::1/128",
            "fe80::/10",
            "fc00::/7",
            "ff00::/8",
            "fec0::/10",
            "64:ff9b:1::/48",
            "2001:db8::/32",
            "100::/64");

    @Property
    void everyNotationOfARefusedIpv4AddressIsRefused(@ForAll("refusedIpv4") long address, @ForAll long seed) {
        for (String notation : Notations.ofIpv4(address, seed)) {
            assertRefused(notation);
        }
    }

    @Property
    void everyNotationOfARefusedIpv6AddressIsRefused(@ForAll("refusedIpv6") byte[] address) {
        for (String notation : Notations.ofIpv6(address)) {
            assertRefused(notation);
        }
    }

    @Property
    void everyNotationOfAPublicIpv4AddressIsAllowedAndConnectedToAsIs(
            @ForAll("publicIpv4") long address, @ForAll long seed) throws UnknownHostException {
        InetAddress expected = InetAddress.getByAddress(ipv4Bytes(address));
        for (String notation : Notations.ofIpv4(address, seed)) {
            assertEquals(
                    List.of(), STRICT.problemAtUpload(notation, 443).stream().toList(), notation);
            Decision decision = STRICT.check(notation, 443, NO_DNS);
            Decision.Allowed allowed = assertInstanceOf(Decision.Allowed.class, decision, notation);
            if (notation.contains(":")
                    && !notation.startsWith("::ffff")
                    && !notation.startsWith("[::ffff")
                    && !notation.startsWith("0:0:0:0:0:FFFF")) {
                continue; // an IPv6 form is its own address, which carries this one
            }
            assertEquals(expected, allowed.address().getAddress(), notation);
            assertEquals(443, allowed.address().getPort());
        }
    }

    @Property
    void aPublicIpv6AddressIsAllowedInEveryNotation(@ForAll("publicIpv6") byte[] address) throws UnknownHostException {
        InetAddress expected = InetAddress.getByAddress(address);
        for (String notation : Notations.ofIpv6(address)) {
            Decision.Allowed allowed = assertInstanceOf(Decision.Allowed.class, STRICT.check(notation, 80, NO_DNS));
            assertEquals(expected, allowed.address().getAddress(), notation);
            assertTrue(STRICT.problemAtUpload(notation, 80).isEmpty(), notation);
        }
    }

    @Property
    void anAllowedPrivateNetworkAdmitsExactlyItsRange(
            @ForAll("privateIpv4") long network,
            @ForAll @IntRange(min = 16, max = 30) int prefix,
            @ForAll("privateIpv4") long candidate)
            throws UnknownHostException {
        AddressRange allowedRange = new AddressRange(InetAddress.getByAddress(ipv4Bytes(network)), prefix);
        DestinationGuard guard = new DestinationGuard(new NetworkPolicy(List.of(allowedRange), Set.of()));
        InetAddress address = InetAddress.getByAddress(ipv4Bytes(candidate));
        // Inside, and not one of the cloud services that stay refused inside any network.
        boolean inside = allowedRange.contains(address)
                && SpecialRanges.of(address).orElseThrow().privateNetwork();
        for (String notation : Notations.ofIpv4(candidate, candidate).subList(0, 9)) {
            assertEquals(inside, guard.check(notation, 5432, NO_DNS) instanceof Decision.Allowed, notation);
            assertEquals(inside, guard.problemAtUpload(notation, 5432).isEmpty(), notation);
        }
    }

    @Property
    void anAllowedPrivateNetworkNeverOpensLoopbackOrLinkLocal(@ForAll("refusedIpv4") long address)
            throws UnknownHostException {
        DestinationGuard everyPrivateNetwork = new DestinationGuard(new NetworkPolicy(
                NetworkPolicy.parseAllowedPrivateNetworks(
                        List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")),
                Set.of()));
        InetAddress candidate = InetAddress.getByAddress(ipv4Bytes(address));
        boolean privateKind = SpecialRanges.of(candidate).orElseThrow().privateNetwork();
        assertEquals(privateKind, everyPrivateNetwork.refusal(candidate).isEmpty());
    }

    @Property
    void oneRefusedAnswerAmongAllowedOnesRefusesTheName(
            @ForAll("publicAnswers") List<InetAddress> answers,
            @ForAll("refusedIpv4") long refused,
            @ForAll @IntRange(min = 0, max = 4) int position)
            throws UnknownHostException {
        List<InetAddress> all = new ArrayList<>(answers);
        all.add(Math.min(position, all.size()), InetAddress.getByAddress(ipv4Bytes(refused)));
        Decision decision = STRICT.check("api.example.com", 443, name -> all.toArray(InetAddress[]::new));
        assertInstanceOf(Decision.Refused.class, decision);
    }

    @Property
    void theAllowedAddressIsOneTheResolverReturned(@ForAll("publicAnswers") List<InetAddress> answers) {
        Decision decision = STRICT.check("api.example.com", 443, name -> answers.toArray(InetAddress[]::new));
        Decision.Allowed allowed = assertInstanceOf(Decision.Allowed.class, decision);
        assertTrue(answers.contains(allowed.address().getAddress()));
        assertTrue(Arrays.equals(
                answers.get(0).getAddress(), allowed.address().getAddress().getAddress()));
    }

    private static void assertRefused(String notation) {
        assertTrue(STRICT.problemAtUpload(notation, 4848).isPresent(), "accepted at upload: " + notation);
        assertInstanceOf(
                Decision.Refused.class, STRICT.check(notation, 4848, NO_DNS), "allowed at connect: " + notation);
    }

    @Provide
    Arbitrary<Long> refusedIpv4() {
        return Arbitraries.of(REFUSED_IPV4).flatMap(cidr -> addressIn(AddressRange.parse(cidr)));
    }

    @Provide
    Arbitrary<Long> privateIpv4() {
        return Arbitraries.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")
                .flatMap(cidr -> addressIn(AddressRange.parse(cidr)));
    }

    @Provide
    Arbitrary<Long> publicIpv4() {
        return Arbitraries.longs().between(0, 0xffff_ffffL).filter(a -> SpecialRanges.of(ipv4(a))
                .isEmpty());
    }

    @Provide
    Arbitrary<byte[]> refusedIpv6() {
        return Arbitraries.of(REFUSED_IPV6).flatMap(cidr -> {
            AddressRange range = AddressRange.parse(cidr);
            return Arbitraries.bytes().array(byte[].class).ofSize(16).map(random -> within(range, random));
        });
    }

    @Provide
    Arbitrary<byte[]> publicIpv6() {
        // Global unicast 2000::/3 outside the special ranges and the forms that carry IPv4.
        return Arbitraries.bytes()
                .array(byte[].class)
                .ofSize(16)
                .map(b -> {
                    b[0] = (byte) (0x24 | b[0] & 0x0b);
                    return b;
                })
                .filter(b -> SpecialRanges.of(ipv6(b)).isEmpty()
                        && SpecialRanges.embeddedIpv4(ipv6(b)).isEmpty());
    }

    @Provide
    Arbitrary<List<InetAddress>> publicAnswers() {
        return publicIpv4()
                .map(DestinationGuardProperties::ipv4)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
    }

    private static Arbitrary<Long> addressIn(AddressRange range) {
        long base = toLong(range.network().getAddress());
        long size = 1L << (32 - range.prefixLength());
        return Arbitraries.longs().between(0, size - 1).map(offset -> base + offset);
    }

    private static byte[] within(AddressRange range, byte[] random) {
        byte[] network = range.network().getAddress();
        byte[] result = new byte[16];
        for (int i = 0; i < 16; i++) {
            int keep = Math.max(0, Math.min(8, range.prefixLength() - i * 8));
            int mask = 0xff00 >> keep & 0xff;
            result[i] = (byte) (network[i] & mask | random[i] & ~mask);
        }
        return result;
    }

    private static long toLong(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = value << 8 | b & 0xff;
        }
        return value;
    }

    static byte[] ipv4Bytes(long address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    private static InetAddress ipv4(long address) {
        try {
            return InetAddress.getByAddress(ipv4Bytes(address));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress ipv6(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
