package dev.hearth.hypervisor.host.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The auxiliary route's prefix: what a trusted portion may ask below it, and what could lead out. */
class TargetTest {

    private static final URI AUXILIARY = URI.create("http://127.0.0.1:8080/api/v1/aux");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/../functions",
                "/kv/..",
                "/kv/./../functions",
                "/%2e%2e/functions",
                "/kv/.%2E/functions",
                "/kv/..%2Ffunctions",
                "/kv/..%5cfunctions",
                "/kv\\..\\functions",
                "/kv/..;/..;/functions",
                "/kv/..%3B/functions",
                "/kv/a;jsessionid=x",
                "/kv/..%00/functions"
            })
    void aPathThatCouldLeaveThePrefixIsRefused(String path) {
        assertNull(Target.ofUri("http://aux.hearth.internal" + path).under(AUXILIARY), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/kv/orders.last", "/invocations/6f33-49dc/logs", "/kv/a?b=..", "/kv/x:y_z-1"})
    void aPathBelowThePrefixGoesToTheAuxiliaryServices(String path) {
        Target target = Target.ofUri("http://aux.hearth.internal" + path).under(AUXILIARY);

        assertEquals(new Target("127.0.0.1", 8080, "/api/v1/aux" + path), target);
    }
}
