package dev.hearth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the process was given: its variables and standard streams (tests give their own), and
 * whether standard input is a terminal (a person typing) rather than a pipe or file, and standard
 * error one (a person watching, who may be shown progress).
 */
public record Environment(
        Map<String, String> variables,
        InputStream in,
        boolean inIsTerminal,
        PrintStream out,
        PrintStream err,
        boolean errIsTerminal) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv(), System.in, isTerminal(0), System.out, System.err, isTerminal(2));
    }

    /** Linux names the terminal behind a descriptor; elsewhere Java knows only whether both ends are one. */
    private static boolean isTerminal(int descriptor) {
        Path link = Path.of("/proc/self/fd/" + descriptor);
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    /** A variable's value, or null when it is unset or empty. */
    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
