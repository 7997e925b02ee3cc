package dev.hearth.scheduler.application;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A problem a request has, of one {@link ProblemType}: the message is the problem's detail, shown
 * to the client as it is (it never holds a secret's value or a server's internals), and {@link
 * #errors()} lists each problem found when there are several.
 */
@ApplicationException(rollback = true)
public class HearthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final List<String> errors;

    public HearthException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public HearthException(ProblemType type, String detail, List<String> errors) {
        super(detail);
        if (type == ProblemType.HTTP_STATUS) {
            throw new IllegalArgumentException("HTTP_STATUS has no status of its own");
        }
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    /** A code archive or its manifest is unacceptable: every problem, so one upload shows them all. */
    public static HearthException invalidCode(List<String> problems) {
        String detail = problems.size() == 1
                ? "The code archive has a problem: " + problems.get(0)
                : "The code archive has " + problems.size() + " problems; see errors.";
        return new HearthException(ProblemType.INVALID_CODE, detail, problems);
    }

    /** An invocation asks for more than its function's policy allows: every refused field. */
    public static HearthException policyOverrideRefused(List<String> problems) {
        return new HearthException(
                ProblemType.POLICY_OVERRIDE_REFUSED,
                "The invocation asks for more than the function's policy allows: " + String.join("; ", problems),
                problems);
    }

    public ProblemType type() {
        return type;
    }

    /** Each problem found, one line each; empty when the detail says all. */
    public List<String> errors() {
        return errors;
    }
}
