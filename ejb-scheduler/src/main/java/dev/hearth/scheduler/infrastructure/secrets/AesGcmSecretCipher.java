package dev.hearth.scheduler.infrastructure.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.scheduler.application.SecretCipher;
import dev.hearth.security.setting.SecretSettings;
import dev.hearth.security.setting.SecretSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;

/**
 * AES-256-GCM with a random 96-bit nonce per value and the context as additional authenticated
 * data. A sealed value is a format byte ({@value #FORMAT}), the nonce, then the ciphertext with its
 * 128-bit tag. The key is the 32 bytes of the file named by {@code hearth.secrets.key-file}
 * ({@code ./hearth up} makes it once, readable by Payara's user alone), or their Base64 as {@code
 * hearth.secrets.key} (a password alias); it is read on first use, so that a Hearth without it runs
 * and only secrets fail.
 */
@ApplicationScoped
public class AesGcmSecretCipher implements SecretCipher {

    static final byte FORMAT = 1;
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Supplier<SecretSource> keySource;
    private volatile SecretKey key;

    /** For CDI. */
    protected AesGcmSecretCipher() {}

    @Inject
    public AesGcmSecretCipher(Config config) {
        this(() -> SecretSettings.source(config, SecretSettings.SECRETS_KEY));
    }

    /** A cipher whose key comes from {@code keySource} when first needed. */
    AesGcmSecretCipher(Supplier<SecretSource> keySource) {
        this.keySource = keySource;
    }

    /** A cipher with this key, for tests. */
    AesGcmSecretCipher(byte[] key) {
        this.key = keyOf(key);
    }

    @Override
    public byte[] seal(String value, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(value.getBytes(UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(FORMAT)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret: " + e.getMessage(), e);
        }
    }

    @Override
    public String open(byte[] sealed, String context) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new IllegalStateException("a stored secret is not in a format this Hearth reads");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES), context);
            return new String(cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES), UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret does not open with this key (key file replaced?)", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(UTF_8));
        return cipher;
    }

    private SecretKey key() {
        SecretKey current = key;
        if (current == null) {
            current = keyOf(keyBytes(keySource.get()));
            key = current;
        }
        return current;
    }

    /** A key file holds the bytes themselves; a value (text, from a password alias) their Base64. */
    static byte[] keyBytes(SecretSource source) {
        if (source instanceof SecretSource.Value value) {
            try {
                return Base64.getDecoder().decode(value.secret());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(value.name() + " is not Base64", e);
            }
        }
        return source.bytes();
    }

    private static SecretKey keyOf(byte[] bytes) {
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("the secrets key must be " + KEY_BYTES + " bytes, not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
