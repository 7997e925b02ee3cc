package dev.hearth.hypervisor.host.driver;

/** A driver could not do what was asked; the message is one line naming what failed. */
public class DriverException extends Exception {

    private static final long serialVersionUID = 1L;

    public DriverException(String message) {
        super(message);
    }

    public DriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
