package dev.hearth.hypervisor.host.instances;

/** A request the agent refuses: the HTTP status, a short title and a one-line detail. */
public final class RequestProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;

    public RequestProblem(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
