package dev.hearth.domain.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EgressDestinationTest {

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com:443", "10.0.0.1:80", "192.168.1.20:5432", "a:1", "x-1.y.z:65535"})
    void anOrdinaryDestinationIsAllowed(String destination) {
        assertEquals(Optional.empty(), EgressDestination.problem(destination));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1:4848       | is the host itself",
                "127.1.2.3:80         | is the host itself",
                "0.0.0.0:8080         | is the host itself",
                "localhost:5432       | is the host itself",
                "db.localhost:5432    | is the host itself",
                "169.254.169.254:80   | is link-local (cloud metadata lives there)",
                "224.0.0.1:5353       | is a multicast or reserved address",
                "255.255.255.255:9    | is a multicast or reserved address",
                "300.1.1.1:80         | is not a valid IPv4 address",
                "aux.hearth.internal:80 | is reserved: trusted portions reach the auxiliary services without egress",
                "example.com:0        | has a port outside 1-65535",
                "example.com:70000    | has a port outside 1-65535",
                "example.com          | is not host:port (IPv6 addresses are not supported)",
                "[::1]:80             | is not host:port (IPv6 addresses are not supported)",
                "-bad-.example:80     | does not name a valid host",
                "a..b:80              | does not name a valid host"
            })
    void aDestinationOnTheHostOrReservedIsRefused(String destination, String why) {
        assertEquals(
                Optional.of("egress destination '" + destination + "' " + why), EgressDestination.problem(destination));
    }
}
