package dev.hearth.hypervisor.api;

/**
 * A host agent refused or failed a request. {@link #status()} is the agent's HTTP status, or 0
 * when the agent could not be reached at all.
 */
public class HostAgentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public HostAgentException(int status, String message) {
        super(message);
        this.status = status;
    }

    public HostAgentException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }

    public boolean unreachable() {
        return status == 0;
    }
}
