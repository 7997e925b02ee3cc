package dev.hearth.cli;

/**
 * A command that cannot do what was asked: printed as one line {@code error: KIND: DETAIL} and
 * ended with its exit code.
 */
public final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ExitCode exitCode;
    private final String kind;

    public CliFailure(ExitCode exitCode, String kind, String detail) {
        super(detail);
        this.exitCode = exitCode;
        this.kind = kind;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public String kind() {
        return kind;
    }

    /** The one line the user sees. */
    public String line() {
        return "error: " + kind + ": " + getMessage();
    }
}
