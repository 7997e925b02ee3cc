package dev.hearth.domain.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionManifestTest {

    @Test
    void onlyTrustedPortionsThatNameSecretsAreGivenSecrets() {
        Portion front = new Portion("front", "front", "app.handler", TrustLevel.UNTRUSTED, Map.of(), List.of("TOKEN"));
        Portion vault = new Portion("vault", "vault", "app.handler", TrustLevel.TRUSTED, Map.of(), List.of("TOKEN"));
        Portion audit = new Portion("audit", "audit", "app.handler", TrustLevel.TRUSTED);
        FunctionManifest manifest =
                new FunctionManifest(Runtime.PYTHON3, "front", List.of(front, vault, audit), SecurityPolicy.DEFAULT);

        assertEquals(List.of(vault), manifest.portionsGivenSecrets());
        assertEquals(
                List.of(),
                new FunctionManifest(Runtime.PYTHON3, "audit", List.of(audit), SecurityPolicy.DEFAULT)
                        .portionsGivenSecrets());
    }
}
