package dev.hearth.domain.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationGuardTest {

    private static final DestinationGuard STRICT = new DestinationGuard(NetworkPolicy.NONE);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2130706433     | 127.0.0.1",
                "0x7f000001     | 127.0.0.1",
                "0177.0.0.1     | 127.0.0.1",
                "127.1          | 127.0.0.1",
                "0x7f.1         | 127.0.0.1",
                "127.0.0.1.     | 127.0.0.1",
                "[::1]          | ::1",
                "::ffff:7f00:1  | 127.0.0.1",
                "fe80::1%eth0   | fe80::1",
                "fe80::1%25eth0 | fe80::1",
                "::127.0.0.1    | ::7f00:1",
                "8.8.8.8        | 8.8.8.8"
            })
    void everyNotationIsReadAsTheAddressItDenotes(String text, String address) throws UnknownHostException {
        assertEquals(Optional.of(InetAddress.getByName(address)), IpLiteral.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "example.com",
                "1.2.3.4.5",
                "256.1.1.1",
                "08.1.1.1",
                "1::2::3",
                "[]",
                "",
                "127.0.0.one",
                "1.2.3.0x100",
                "\u0661\u0662\u0667.0.0.1",
                "::1%"
            })
    void aNameOrNonsenseIsNotAnAddress(String text) {
        assertEquals(Optional.empty(), IpLiteral.parse(text));
    }

    @Test
    void theMessageSaysWhatTheAddressIs() {
        assertEquals(
                Optional.of("'2130706433:4848' is refused: 127.0.0.1 is loopback (127.0.0.0/8)"),
                STRICT.problemAtUpload("2130706433", 4848));
        assertEquals(
                Optional.of("'[::ffff:169.254.169.254]:80' is refused: 169.254.169.254 is link-local (cloud metadata "
                        + "lives there) (169.254.0.0/16)"),
                STRICT.problemAtUpload("[::ffff:169.254.169.254]", 80));
        assertEquals(
                Optional.of("'10.1.2.3:5432' is refused: 10.1.2.3 is a private network (RFC 1918) (10.0.0.0/8, "
                        + "not among the allowed private networks)"),
                STRICT.problemAtUpload("10.1.2.3", 5432));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "LocalHost.",
                "db.localhost",
                "aux.hearth.internal",
                "-bad-.example",
                "a..b",
                "under_score.example"
            })
    void namesOfTheHostItselfReservedOrInvalidAreRefusedWithoutDns(String name) {
        Resolver failing = n -> {
            throw new AssertionError("resolved " + n);
        };
        assertTrue(STRICT.problemAtUpload(name, 80).isPresent());
        assertInstanceOf(Decision.Refused.class, STRICT.check(name, 80, failing));
    }

    @Test
    void aClientThatKnowsNoAllowedNetworkLeavesEveryPrivateOneToTheServer() {
        DestinationGuard client = new DestinationGuard(NetworkPolicy.everyPrivateNetwork());
        assertEquals(Optional.empty(), client.problemAtUpload("10.1.2.3", 5432));
        assertEquals(Optional.empty(), client.problemAtUpload("[fd12::1]", 443));
        assertEquals(Optional.empty(), client.problemAtUpload("100.64.0.9", 443));
        assertTrue(client.problemAtUpload("127.0.0.1", 80).isPresent());
        assertTrue(client.problemAtUpload("169.254.169.254", 80).isPresent());
    }

    @Test
    void aNameIsAcceptedAtUploadAndDecidedByWhatItResolvesTo() throws UnknownHostException {
        assertEquals(Optional.empty(), STRICT.problemAtUpload("ip6-localhost", 80));
        InetAddress[] answer = {InetAddress.getByName("::1")};
        Decision.Refused refused =
                assertInstanceOf(Decision.Refused.class, STRICT.check("ip6-localhost", 80, name -> answer));
        assertEquals("ip6-localhost:80 is refused: 0:0:0:0:0:0:0:1 is loopback (::1/128)", refused.reason());
        assertInstanceOf(Decision.Refused.class, STRICT.check("nowhere.example", 80, name -> {
            throw new UnknownHostException(name);
        }));
    }

    @Test
    void cloudServicesAtFixedAddressesAreRefusedEvenInsideAnAllowedPrivateNetwork() throws UnknownHostException {
        DestinationGuard everyPrivateNetwork = new DestinationGuard(NetworkPolicy.everyPrivateNetwork());
        Resolver noDns = name -> {
            throw new UnknownHostException(name);
        };

        assertEquals(
                Optional.of("100.100.100.200 is a cloud metadata service (Alibaba Cloud) (100.100.100.200/32)"),
                everyPrivateNetwork.refusal(InetAddress.getByName("100.100.100.200")));
        assertTrue(everyPrivateNetwork
                .refusal(InetAddress.getByName("fd00:ec2::254"))
                .isPresent());
        assertTrue(everyPrivateNetwork
                .refusal(InetAddress.getByName("168.63.129.16"))
                .isPresent());
        Decision.Refused bracketed =
                assertInstanceOf(Decision.Refused.class, everyPrivateNetwork.check("[fd00:ec2:0::254]", 80, noDns));
        assertTrue(bracketed.reason().contains("a cloud metadata service (AWS, IPv6)"), bracketed.reason());
        assertTrue(everyPrivateNetwork.problemAtUpload("1684301000", 80).isPresent(), "100.100.100.200 as a number");
        assertTrue(
                everyPrivateNetwork
                        .refusal(InetAddress.getByName("100.100.100.201"))
                        .isEmpty(),
                "its neighbour");
        assertTrue(
                everyPrivateNetwork
                        .refusal(InetAddress.getByName("fd00:ec2::253"))
                        .isEmpty(),
                "its neighbour");
    }

    @Test
    void theHostsOwnAddressesAreRefusedEvenInsideAnAllowedPrivateNetwork() throws UnknownHostException {
        InetAddress own = InetAddress.getByName("10.200.0.1");
        InetAddress peer = InetAddress.getByName("10.200.0.2");
        InetAddress ownPublic = InetAddress.getByName("198.51.99.7");
        DestinationGuard guard = new DestinationGuard(
                new NetworkPolicy(List.of(AddressRange.parse("10.200.0.0/24")), Set.of(own, ownPublic)));

        assertEquals(Optional.of("10.200.0.1 is an address of a Hearth host"), guard.refusal(own));
        assertEquals(Optional.of("198.51.99.7 is an address of a Hearth host"), guard.refusal(ownPublic));
        assertTrue(
                guard.refusal(InetAddress.getByName("2002:c633:6307::1")).isPresent(), "6to4 form of an own address");
        assertEquals(
                new Decision.Allowed(new InetSocketAddress(peer, 8080)),
                guard.check("10.200.0.2", 8080, name -> new InetAddress[0]));
        assertInstanceOf(Decision.Refused.class, guard.check("db.internal.example", 8080, name ->
                new InetAddress[] {peer, own}));
    }

    @Test
    void anAllowedNetworkMustLieInsideAPrivateRange() {
        assertEquals(
                List.of(AddressRange.parse("10.20.0.0/16"), AddressRange.parse("fd12:3456::/32")),
                NetworkPolicy.parseAllowedPrivateNetworks(List.of("10.20.0.0/16", "fd12:3456::/32")));
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> NetworkPolicy.parseAllowedPrivateNetworks(
                        List.of("127.0.0.0/8", "10.0.0.0/7", "8.8.8.8", "10.0.0.0/33", "banana")));
        assertEquals(
                "allowed private network '127.0.0.0/8' is not inside a private range (10.0.0.0/8, 172.16.0.0/12, "
                        + "192.168.0.0/16, 100.64.0.0/10, fc00::/7); allowed private network '10.0.0.0/7' is not inside"
                        + " a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7); "
                        + "allowed private network '8.8.8.8' is not inside a private range (10.0.0.0/8, 172.16.0.0/12,"
                        + " 192.168.0.0/16, 100.64.0.0/10, fc00::/7); allowed private network '10.0.0.0/33' has a "
                        + "prefix length outside 0..32; allowed private network 'banana' is not an address or a CIDR "
                        + "range",
                refused.getMessage());
    }

    @Test
    void aRangeHoldsItsOwnFamilyOnly() throws UnknownHostException {
        AddressRange range = AddressRange.parse("10.1.2.3/16");
        assertEquals("10.1.0.0/16", range.toString());
        assertTrue(range.contains(InetAddress.getByName("10.1.255.255")));
        assertTrue(!range.contains(InetAddress.getByName("10.2.0.0")));
        assertTrue(!range.contains(InetAddress.getByName("::a01:203")));
        assertEquals("10.1.2.3/32", AddressRange.parse("10.1.2.3").toString());
    }
}
