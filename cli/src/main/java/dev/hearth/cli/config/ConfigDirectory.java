package dev.hearth.cli.config;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.Environment;
import dev.hearth.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The CLI's folder: {@code $XDG_CONFIG_HOME/hearth}, else {@code ~/.config/hearth}. */
public final class ConfigDirectory {

    private ConfigDirectory() {}

    public static Path of(Environment environment) {
        String xdg = environment.variable("XDG_CONFIG_HOME");
        // The XDG base directory specification: a relative value is to be ignored.
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "hearth");
        }
        String home = environment.variable("HOME");
        return Path.of(home != null ? home : System.getProperty("user.home"), ".config", "hearth");
    }

    /** The folder, made if missing, readable by its owner alone (it holds tokens). */
    public static Path privateFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            return folder;
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "config", "cannot prepare " + folder + ": " + e.getMessage());
        }
    }
}
