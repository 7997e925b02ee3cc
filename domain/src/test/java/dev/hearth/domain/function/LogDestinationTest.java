package dev.hearth.domain.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogDestinationTest {

    @Test
    void anEndpointElsewhereWithABearerIsUsable() {
        assertEquals(List.of(), LogDestination.problems("https://logs.example.com/ingest", "Bearer abc"));
        assertEquals(
                new LogDestination(URI.create("http://10.0.0.5:8081/in"), null),
                LogDestination.of("http://10.0.0.5:8081/in", null));
    }

    @Test
    void theHostItselfAndOtherSchemesAreRefused() {
        assertEquals(
                List.of("the log endpoint's egress destination '127.0.0.1:4848' is the host itself"),
                LogDestination.problems("http://127.0.0.1:4848/", null));
        assertEquals(
                List.of("the log endpoint's egress destination '169.254.169.254:80' is link-local"
                        + " (cloud metadata lives there)"),
                LogDestination.problems("http://169.254.169.254/latest", null));
        assertEquals(
                List.of("the log endpoint 'file:///etc/passwd' is not an absolute http or https URL"),
                LogDestination.problems("file:///etc/passwd", null));
        assertEquals(
                List.of("the log endpoint 'https://user:pw@logs.example.com/' is not an absolute http or https URL"),
                LogDestination.problems("https://user:pw@logs.example.com/", null));
    }

    @Test
    void anAuthorizationCannotSmuggleHeaders() {
        assertEquals(
                List.of("the log endpoint's authorization must be one header value of at most 4096 characters"),
                LogDestination.problems("https://logs.example.com/", "Bearer x\r\nX-Evil: 1"));
        assertThrows(IllegalArgumentException.class, () -> LogDestination.of("https://logs.example.com/", "a\nb"));
    }
}
