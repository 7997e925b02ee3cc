package dev.hearth.security.setting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where one secret setting's value comes from, decided from what is configured. */
public sealed interface SecretSource {

    /** The setting holds the secret (from a password alias). */
    record Value(String name, String secret) implements SecretSource {

        /** Never the secret: a record would print it in any log line or exception that names this. */
        @Override
        public String toString() {
            return "Value[name=" + name + ", secret=(hidden)]";
        }
    }

    /** The setting {@code NAME-file} names a file holding it. */
    record File(String name, Path path) implements SecretSource {}

    /** Neither is configured. */
    record Missing(String name) implements SecretSource {}

    /** The setting's own value wins over its file; blank values count as none. */
    static SecretSource of(String name, Optional<String> value, Optional<String> file) {
        Optional<String> secret = value.map(String::strip).filter(v -> !v.isEmpty());
        if (secret.isPresent()) {
            return new Value(name, secret.get());
        }
        return file.map(String::strip)
                .filter(f -> !f.isEmpty())
                .<SecretSource>map(f -> new File(name, Path.of(f)))
                .orElseGet(() -> new Missing(name));
    }

    /** The setting's name, as the administrator sets it. */
    String name();

    /** The secret's bytes: the value's UTF-8 bytes, or the file's content. */
    default byte[] bytes() {
        if (this instanceof Value value) {
            return value.secret().getBytes(StandardCharsets.UTF_8);
        }
        if (this instanceof File file) {
            try {
                return Files.readAllBytes(file.path());
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot read " + file.path() + " (" + file.name() + "-file): " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException(name() + " is not set: create a password alias " + name() + ", or set " + name()
                + "-file to a file holding it");
    }

    /** The secret as text, without surrounding white space; never empty. */
    default String text() {
        String text = new String(bytes(), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IllegalStateException(name() + " is empty");
        }
        return text;
    }
}
