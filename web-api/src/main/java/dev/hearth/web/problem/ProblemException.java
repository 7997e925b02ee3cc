package dev.hearth.web.problem;

/**
 * A problem the web layer itself finds in a request (a body too large, an event that is not JSON,
 * a bad query parameter), reported as it is by {@link ProblemExceptionMapper}.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final int status;

    public ProblemException(ProblemType type, int status, String detail) {
        super(detail);
        this.type = type;
        this.status = status;
    }

    public ProblemType type() {
        return type;
    }

    public int status() {
        return status;
    }
}
