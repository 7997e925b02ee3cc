package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * Thrown when a code archive or its manifest is unacceptable (HTTP 400). {@link #problems()}
 * names each, one line each, for the problem detail.
 */
@ApplicationException(rollback = true)
public class InvalidCodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidCodeException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
