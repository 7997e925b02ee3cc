package dev.hearth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the process was given: its variables and standard streams (tests give their own), and
 * whether standard input is a terminal (a person typing) rather than a pipe or file.
 */
public record Environment(
        Map<String, String> variables, InputStream in, boolean inIsTerminal, PrintStream out, PrintStream err) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv(), System.in, standardInputIsTerminal(), System.out, System.err);
    }

    /** Linux names the terminal behind descriptor 0; elsewhere Java knows only whether both ends are one. */
    private static boolean standardInputIsTerminal() {
        Path stdin = Path.of("/proc/self/fd/0");
        try {
            String target = Files.readSymbolicLink(stdin).toString();
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
