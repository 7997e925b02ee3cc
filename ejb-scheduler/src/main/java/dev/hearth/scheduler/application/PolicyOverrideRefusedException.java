package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * Thrown when an invocation asks for more than its function's security policy allows (HTTP 400);
 * one line per refused field.
 */
@ApplicationException(rollback = true)
public class PolicyOverrideRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public PolicyOverrideRefusedException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
