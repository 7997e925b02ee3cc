package dev.hearth.scheduler.infrastructure.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.security.setting.SecretSettings;
import dev.hearth.security.setting.SecretSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmSecretCipherTest {

    private static final byte[] KEY = key(7);

    private static byte[] key(int seed) {
        byte[] key = new byte[AesGcmSecretCipher.KEY_BYTES];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    private final AesGcmSecretCipher cipher = new AesGcmSecretCipher(KEY);

    @Test
    void aSealedValueOpensToItselfAndDoesNotShowIt() {
        byte[] sealed = cipher.seal("hunter2-ünïcode", "alice\nf\napi_key");

        assertEquals("hunter2-ünïcode", cipher.open(sealed, "alice\nf\napi_key"));
        assertFalse(new String(sealed, UTF_8).contains("hunter2"));
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        assertNotEquals(Arrays.toString(cipher.seal("v", "c")), Arrays.toString(cipher.seal("v", "c")));
    }

    @Test
    void aValueMovedToAnotherFunctionOrNameDoesNotOpen() {
        byte[] sealed = cipher.seal("v", "alice\nf\napi_key");

        assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "mallory\nf\napi_key"));
        assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "alice\nf\nother"));
    }

    @Test
    void aTamperedValueOrAnotherKeyDoesNotOpen() {
        byte[] sealed = cipher.seal("value", "c");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThrows(IllegalStateException.class, () -> cipher.open(tampered, "c"));
        assertThrows(IllegalStateException.class, () -> new AesGcmSecretCipher(key(8)).open(sealed, "c"));
        assertThrows(IllegalStateException.class, () -> cipher.open(new byte[] {1, 2, 3}, "c"));
    }

    @Test
    void theKeyIsReadFromItsFile(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("secrets.key"), KEY);
        AesGcmSecretCipher fromFile = new AesGcmSecretCipher(() -> keyFile(file.toString()));

        assertEquals("v", fromFile.open(cipher.seal("v", "c"), "c"));
    }

    @Test
    void theKeyMayBeGivenAsBase64ByAPasswordAlias() {
        AesGcmSecretCipher fromAlias = new AesGcmSecretCipher(() -> SecretSource.of(
                SecretSettings.SECRETS_KEY, Optional.of(Base64.getEncoder().encodeToString(KEY)), Optional.empty()));

        assertEquals("v", fromAlias.open(cipher.seal("v", "c"), "c"));
    }

    private static SecretSource keyFile(String file) {
        return SecretSource.of(SecretSettings.SECRETS_KEY, Optional.empty(), Optional.of(file));
    }

    @Test
    void withoutAUsableKeyFileSecretsFailAndSayWhy(@TempDir Path dir) throws Exception {
        Path shortKey = Files.write(dir.resolve("short.key"), new byte[16]);

        IllegalStateException none = assertThrows(
                IllegalStateException.class, () -> new AesGcmSecretCipher(() -> keyFile("")).seal("v", "c"));
        IllegalStateException wrongSize = assertThrows(
                IllegalStateException.class,
                () -> new AesGcmSecretCipher(() -> keyFile(shortKey.toString())).seal("v", "c"));

        assertTrue(none.getMessage().contains("hearth.secrets.key-file"), none.getMessage());
        assertTrue(wrongSize.getMessage().contains("32 bytes"), wrongSize.getMessage());
    }
}
