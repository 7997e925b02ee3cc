package dev.hearth.cli;

/** What the process's exit status tells a script, one value per kind of outcome. */
public enum ExitCode {
    OK(0),
    /** Anything not more specific below: a refused upload, a function that ended in an error. */
    FAILED(1),
    /** The command line itself: an unknown option, a missing argument (picocli's own code). */
    USAGE(2),
    NOT_FOUND(3),
    /** Not signed in, or signed in without the right (401, 403). */
    REFUSED(4),
    /** The server failed (5xx) or could not be reached. */
    SERVER(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code for an HTTP error status. */
    public static ExitCode forStatus(int status) {
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status == 401 || status == 403) {
            return REFUSED;
        }
        return status >= 500 ? SERVER : FAILED;
    }
}
