package dev.hearth.hypervisor.host.runtimeapi;

/** A request that cannot be served: answered with its status, then the connection is closed. */
final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String type;

    BadRequest(int status, String type, String message) {
        super(message, null, false, false); // expected from hostile code: no stack trace to fill
        this.status = status;
        this.type = type;
    }

    static BadRequest malformed(String message) {
        return new BadRequest(400, "BadRequest", message);
    }

    static BadRequest tooLarge() {
        return new BadRequest(413, "RequestTooLarge", "payload larger than 6 MiB");
    }
}
