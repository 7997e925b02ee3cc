package dev.hearth.protocol.wire;

import java.util.List;
import java.util.Map;

/** Wire records for the tests. */
public final class WireExamples {

    private WireExamples() {}

    /** An invocation with every component set: a trusted portion with variables, a shared folder and a secret. */
    public static InvokeRequest everyComponent() {
        return new InvokeRequest(
                "inv-1",
                "hello",
                "ab12",
                "python3",
                "main",
                List.of(
                        PortionSpec.of("main", "main", "app.handler", "untrusted"),
                        new PortionSpec(
                                "vault", "vault", "app.handler", "trusted", Map.of("MODE", "x"), List.of("shared"))),
                Map.of("STAGE", "test"),
                new ResourceLimits(128, 10_000, 16, 64, 50),
                "{\"name\":\"Hearth\"}",
                "token",
                List.of("example.test:443"),
                "http://127.0.0.1:8080/api/v1/aux",
                List.of("10.1.0.0/16"),
                Map.of("vault", Map.of("API_KEY", "s3cret")));
    }
}
