package dev.hearth.security.setting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSourceTest {

    private static final String NAME = SecretSettings.AGENT_SECRET;

    @Test
    void theSettingsOwnValueWinsOverItsFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.secret"), "from-file\n");

        SecretSource source = SecretSource.of(NAME, Optional.of(" from-alias "), Optional.of(file.toString()));

        assertEquals("from-alias", source.text());
    }

    @Test
    void aSecretIsNeverInItsTextForm() {
        SecretSource source = SecretSource.of(NAME, Optional.of("s3cr3t-from-alias"), Optional.empty());

        assertFalse(source.toString().contains("s3cr3t"), source.toString());
        assertTrue(source.toString().contains(NAME), source.toString());
    }

    @Test
    void withoutAValueTheFileIsRead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.secret"), "from-file\n");

        SecretSource source = SecretSource.of(NAME, Optional.of(""), Optional.of(file.toString()));

        assertEquals("from-file", source.text());
    }

    @Test
    void neitherSetSaysHowToSetIt() {
        SecretSource source = SecretSource.of(NAME, Optional.empty(), Optional.of(" "));

        IllegalStateException missing = assertThrows(IllegalStateException.class, source::text);

        assertTrue(missing.getMessage().contains("password alias hearth.agent.secret"), missing.getMessage());
        assertTrue(missing.getMessage().contains("hearth.agent.secret-file"), missing.getMessage());
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path dir) {
        SecretSource source = SecretSource.of(
                NAME, Optional.empty(), Optional.of(dir.resolve("none").toString()));

        IllegalStateException unreadable = assertThrows(IllegalStateException.class, source::bytes);

        assertTrue(unreadable.getMessage().contains("hearth.agent.secret-file"), unreadable.getMessage());
    }

    @Test
    void anEmptyFileIsNoSecret(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.secret"), "\n");

        SecretSource source = SecretSource.of(NAME, Optional.empty(), Optional.of(file.toString()));

        assertThrows(IllegalStateException.class, source::text);
    }
}
