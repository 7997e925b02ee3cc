package dev.hearth.scheduler.application;

/**
 * A call to a host agent that did not succeed: the agent could not be reached ({@link
 * Unreachable}: the host is treated as down) or it answered with an error ({@link Refused}). The
 * message says which, and why, in one line fit for an operator.
 */
public abstract sealed class HostAgentFailure extends RuntimeException
        permits HostAgentFailure.Unreachable, HostAgentFailure.Refused {

    private static final long serialVersionUID = 1L;

    private HostAgentFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** No answer: the connection failed or timed out. */
    public static final class Unreachable extends HostAgentFailure {

        private static final long serialVersionUID = 1L;

        public Unreachable(String why, Throwable cause) {
            super("unreachable: " + why, cause);
        }
    }

    /** The agent answered, with an error. */
    public static final class Refused extends HostAgentFailure {

        private static final long serialVersionUID = 1L;

        public Refused(String answer, Throwable cause) {
            super("answered " + answer, cause);
        }
    }
}
