package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.RuntimeContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A trusted container's secrets: one file per secret in {@code secrets/} of its folder (its
 * {@code /run/hearth}), named after the secret, owned by the container's uid and readable by it
 * alone. The agent writes them before an invocation and clears them after it, as it does the
 * credential; their values are never logged.
 */
final class SecretFiles {

    private SecretFiles() {}

    /**
     * Makes {@code secrets/} hold exactly {@code secrets} (name to value; names already checked to
     * be plain file names), each replaced in one step. The folder takes the owner of {@code runDir}.
     */
    static void write(Path runDir, Map<String, String> secrets) throws IOException {
        Path folder = runDir.resolve(RuntimeContract.SECRETS_FOLDER);
        if (secrets.isEmpty()) {
            clear(runDir);
            return;
        }
        if (!Files.isDirectory(folder)) {
            Files.createDirectory(folder);
            OwnedFiles.ownedBy(folder, OwnedFiles.ownerOf(runDir), "r-x------");
        }
        try (Stream<Path> present = Files.list(folder)) {
            for (Path file : present.toList()) {
                if (!secrets.containsKey(file.getFileName().toString())) {
                    Files.delete(file);
                }
            }
        }
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            OwnedFiles.replace(runDir, folder.resolve(secret.getKey()), secret.getValue());
        }
    }

    /** Removes every secret file; quietly, as the folder goes with the container anyway. */
    static void clear(Path runDir) {
        Path folder = runDir.resolve(RuntimeContract.SECRETS_FOLDER);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> present = Files.list(folder)) {
            for (Path file : present.toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Left for the container's folder to take with it.
        }
    }
}
