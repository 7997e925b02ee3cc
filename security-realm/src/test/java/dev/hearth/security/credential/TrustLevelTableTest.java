package dev.hearth.security.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrustLevelTableTest {

    private static TrustLevelTable table(Map<String, String> properties) {
        return TrustLevelTable.read(name -> Optional.ofNullable(properties.get(name)));
    }

    @Test
    void theShippedTableGivesTrustedPortionsAnAuxiliaryCredentialAndUntrustedOnesNothing() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shipped.load(in);
        }
        TrustLevelTable table = TrustLevelTable.read(name -> Optional.ofNullable(shipped.getProperty(name)));

        assertEquals(Set.of("trusted", "untrusted"), table.levels());
        assertEquals(
                Optional.of(new CredentialProfile(
                        "hearth-api", "hearth-aux", Set.of("logs:write", "metrics:write", "kv:read", "kv:write"))),
                table.profile("trusted"));
        assertTrue(table.profile("untrusted").isEmpty());
        assertTrue(table.profile("unheard-of").isEmpty());
    }

    @Test
    void moreLevelsAreMoreNames() {
        TrustLevelTable table = table(Map.of(
                "hearth.trust-levels", "trusted, untrusted, metrics-only",
                "hearth.trust-level.metrics-only.client", "hearth-api",
                "hearth.trust-level.metrics-only.audience", "hearth-aux",
                "hearth.trust-level.metrics-only.scopes", "metrics:write"));

        assertEquals(
                Set.of("metrics:write"),
                table.profile("metrics-only").orElseThrow().scopes());
        assertTrue(table.profile("trusted").isEmpty(), "no client configured: nothing");
    }

    @Test
    void aLevelWithAClientNeedsAnAudienceAndScopes() {
        assertThrows(
                IllegalArgumentException.class,
                () -> table(Map.of("hearth.trust-levels", "x", "hearth.trust-level.x.client", "c")));
        assertThrows(
                IllegalArgumentException.class,
                () -> table(Map.of(
                        "hearth.trust-levels", "x",
                        "hearth.trust-level.x.client", "c",
                        "hearth.trust-level.x.audience", "a")));
    }
}
