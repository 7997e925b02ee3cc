package dev.hearth.cli.auth;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import dev.hearth.cli.config.ConfigDirectory;
import dev.hearth.cli.config.Profiles;
import dev.hearth.cli.output.Json;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * One profile's tokens in {@code tokens/PROFILE.json} of the config folder: the folder readable by
 * its owner alone (0700), the file too (0600), written whole or not at all.
 */
public final class TokenCache {

    private final Path folder;
    private final Path file;

    public TokenCache(Path configDirectory, String profile) {
        this.folder = configDirectory.resolve("tokens");
        this.file = folder.resolve(Profiles.checkedName(profile) + ".json");
    }

    public Path file() {
        return file;
    }

    public Optional<Tokens> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Json.parse(Files.readString(file))
                    .filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                    .map(v -> Tokens.fromJson(v.asJsonObject()));
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be read is as good as none: the user signs in again.
            return Optional.empty();
        }
    }

    public void save(Tokens tokens) {
        ConfigDirectory.privateFolder(folder);
        try {
            // Created with its final mode: the token is never readable by others, not even briefly.
            Path temporary = Files.createTempFile(
                    folder,
                    ".tokens",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, tokens.toJson().toString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "token-cache", "cannot write " + file + ": " + e.getMessage());
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "token-cache", "cannot delete " + file + ": " + e.getMessage());
        }
    }
}
