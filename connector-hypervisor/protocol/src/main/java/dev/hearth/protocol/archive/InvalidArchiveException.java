package dev.hearth.protocol.archive;

import java.util.List;

/** A code archive was refused; {@link #problems()} are one-line sentences a user can act on. */
public class InvalidArchiveException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidArchiveException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidArchiveException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
