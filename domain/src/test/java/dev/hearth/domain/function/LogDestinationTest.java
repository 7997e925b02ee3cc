package dev.hearth.domain.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hearth.domain.network.AddressRange;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.domain.network.NetworkPolicy;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogDestinationTest {

    private static final DestinationGuard GUARD = new DestinationGuard(NetworkPolicy.NONE);

    @Test
    void anEndpointElsewhereWithABearerIsUsable() {
        assertEquals(List.of(), LogDestination.problems("https://logs.example.com/ingest", "Bearer abc", GUARD));
        LogDestination destination = LogDestination.of("https://logs.example.com/ingest", null, GUARD);
        assertEquals(443, destination.port());
        assertEquals(true, destination.secure());
    }

    @Test
    void aPrivateEndpointNeedsItsNetworkAllowed() {
        assertEquals(
                List.of("the log endpoint '10.0.0.5:8081' is refused: 10.0.0.5 is a private network (RFC 1918)"
                        + " (10.0.0.0/8, not among the allowed private networks)"),
                LogDestination.problems("http://10.0.0.5:8081/in", null, GUARD));
        DestinationGuard allowing =
                new DestinationGuard(new NetworkPolicy(List.of(AddressRange.parse("10.0.0.0/24")), Set.of()));
        assertEquals(
                new LogDestination(URI.create("http://10.0.0.5:8081/in"), null),
                LogDestination.of("http://10.0.0.5:8081/in", null, allowing));
    }

    @Test
    void theHostItselfAndOtherSchemesAreRefused() {
        assertEquals(
                List.of("the log endpoint '127.0.0.1:4848' is refused: 127.0.0.1 is loopback (127.0.0.0/8)"),
                LogDestination.problems("http://127.0.0.1:4848/", null, GUARD));
        assertEquals(
                List.of("the log endpoint '[::ffff:7f00:1]:80' is refused: 127.0.0.1 is loopback (127.0.0.0/8)"),
                LogDestination.problems("http://[::ffff:7f00:1]/", null, GUARD));
        assertEquals(
                List.of("the log endpoint '169.254.169.254:80' is refused: 169.254.169.254 is link-local"
                        + " (cloud metadata lives there) (169.254.0.0/16)"),
                LogDestination.problems("http://169.254.169.254/latest", null, GUARD));
        assertEquals(
                List.of("the log endpoint '2130706433:4848' is refused: 127.0.0.1 is loopback (127.0.0.0/8)"),
                LogDestination.problems("http://2130706433:4848/", null, GUARD));
        assertEquals(
                List.of("the log endpoint 'file:///etc/passwd' is not an absolute http or https URL"),
                LogDestination.problems("file:///etc/passwd", null, GUARD));
        assertEquals(
                List.of("the log endpoint 'https://user:pw@logs.example.com/' is not an absolute http or https URL"),
                LogDestination.problems("https://user:pw@logs.example.com/", null, GUARD));
    }

    @Test
    void anAuthorizationCannotSmuggleHeaders() {
        assertEquals(
                List.of("the log endpoint's authorization must be one header value of at most 4096 characters"),
                LogDestination.problems("https://logs.example.com/", "Bearer x\r\nX-Evil: 1", GUARD));
        assertThrows(
                IllegalArgumentException.class, () -> LogDestination.of("https://logs.example.com/", "a\nb", GUARD));
    }
}
