package dev.hearth.cli.command;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import dev.hearth.cli.HearthCli;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command of {@code hearth-cli}: it reaches what all share through the root command. */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    HearthCli cli() {
        return (HearthCli) spec.root().userObject();
    }

    /** Waits {@code seconds} between two polls; interrupted, it fails saying what {@code stopped}. */
    static void pause(double seconds, String stopped) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.FAILED, "interrupted", stopped);
        }
    }

    /** A wrong command line: picocli prints it with the command's usage and exits 2. */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
