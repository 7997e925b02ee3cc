package dev.hearth.cli.command;

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

    /** A wrong command line: picocli prints it with the command's usage and exits 2. */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
