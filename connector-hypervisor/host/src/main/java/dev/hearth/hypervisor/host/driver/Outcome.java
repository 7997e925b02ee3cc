package dev.hearth.hypervisor.host.driver;

/** How an invocation ended, by its wire name in {@code InvokeResult.status}. */
public enum Outcome {
    SUCCESS("success"),
    ERROR("error"),
    INIT_ERROR("init_error"),
    TIMED_OUT("timed_out"),
    MEMORY_LIMIT_EXCEEDED("memory_limit_exceeded"),
    PROCESS_LIMIT_EXCEEDED("process_limit_exceeded"),
    EGRESS_DENIED("egress_denied"),
    CRASHED("crashed");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * Why an invocation (or init) failed, from what the kernel saw while it ran. A kill by the
     * memory cgroup explains everything after it; a fork refused by the pids cgroup explains an
     * error or an exit; otherwise the evidence decides: a timeout we enforced, an error the
     * function reported, or an exit nobody asked for.
     */
    public static Outcome ofFailure(
            boolean oomKilled, boolean forkRefused, boolean timedOut, boolean reportedError, boolean duringInit) {
        if (oomKilled) {
            return MEMORY_LIMIT_EXCEEDED;
        }
        if (forkRefused && !timedOut) {
            return PROCESS_LIMIT_EXCEEDED;
        }
        if (timedOut) {
            return TIMED_OUT;
        }
        if (duringInit) {
            return INIT_ERROR;
        }
        return reportedError ? ERROR : CRASHED;
    }

    /**
     * The status of a whole invocation: a refused egress attempt names it whatever the function
     * made of the refusal; otherwise the entry portion's outcome, unless it failed and another
     * portion it called hit a limit on the way ({@code otherPortionLimit}, null when none did).
     */
    public static Outcome ofInvocation(Outcome entry, boolean egressDenied, Outcome otherPortionLimit) {
        if (egressDenied) {
            return EGRESS_DENIED;
        }
        return entry != SUCCESS && otherPortionLimit != null ? otherPortionLimit : entry;
    }
}
