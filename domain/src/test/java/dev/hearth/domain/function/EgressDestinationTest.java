package dev.hearth.domain.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.domain.network.NetworkPolicy;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EgressDestinationTest {

    private static final DestinationGuard GUARD = new DestinationGuard(NetworkPolicy.NONE);

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com:443", "8.8.8.8:53", "a:1", "x-1.y.z:65535", "[2606:4700::1111]:443"})
    void anOrdinaryDestinationIsAllowed(String destination) {
        assertEquals(Optional.empty(), EgressDestination.problem(destination, GUARD));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2130706433:4848      | is refused: 127.0.0.1 is loopback (127.0.0.0/8)",
                "0x7f.1:4848          | is refused: 127.0.0.1 is loopback (127.0.0.0/8)",
                "0.0.0.0:8080         | is refused: 0.0.0.0 is unspecified (this network) (0.0.0.0/8)",
                "localhost:5432       | is the host itself (localhost)",
                "db.localhost:5432    | is the host itself (localhost)",
                "[::1]:80             | is refused: 0:0:0:0:0:0:0:1 is loopback (::1/128)",
                "224.0.0.1:5353       | is refused: 224.0.0.1 is multicast (224.0.0.0/4)",
                "255.255.255.255:9    | is refused: 255.255.255.255 is broadcast (255.255.255.255/32)",
                "aux.hearth.internal:80 | is reserved: trusted portions reach the auxiliary services without egress",
                "example.com:0        | has a port outside 1-65535",
                "example.com:70000    | has a port outside 1-65535",
                "-bad-.example:80     | does not name a valid host",
                "300.1.1.1:80         | does not name a valid host (an address, or a name whose last label is a number)"
            })
    void aDestinationOnTheHostOrReservedIsRefusedNamingTheEntry(String destination, String why) {
        assertEquals(
                Optional.of("egress destination '" + destination + "' " + why),
                EgressDestination.problem(destination, GUARD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "::1:80", "a:b:80", "[::1:80"})
    void anEntryThatIsNotHostAndPortIsRefused(String destination) {
        assertEquals(
                Optional.of("egress destination '" + destination + "' is not host:port ([address]:port for IPv6)"),
                EgressDestination.problem(destination, GUARD));
    }

    /** The agent compares entries with where a connection goes, which names its port as a number. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                " API.Example.com:443 | api.example.com:443",
                "api.example.com:0443 | api.example.com:443",
                "[2606:4700::1111]:00443 | [2606:4700::1111]:443"
            })
    void anEntryIsComparedInLowerCaseWithItsPortAsANumber(String destination, String normalised) {
        assertEquals(normalised, EgressDestination.normalise(destination));
    }
}
