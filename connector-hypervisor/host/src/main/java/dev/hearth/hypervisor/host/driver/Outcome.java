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

    /** When a runtime failed: starting up (before it first asked for work), or running an event. */
    public enum Phase {
        INIT,
        INVOCATION
    }

    /** How a runtime's turn ended without a success. */
    public enum Ending {
        /** Its time was up (the agent enforced it). */
        TIMED_OUT,
        /** It reported an error through the Runtime API. */
        REPORTED_ERROR,
        /** Its process ended without a reply. */
        EXITED
    }

    /** The strongest limit its cgroup saw hit meanwhile: a kill by the memory cgroup explains more than a refused fork. */
    public enum LimitHit {
        NONE,
        PROCESSES,
        MEMORY;

        /** The outcome that names this limit; null for none. */
        public Outcome outcome() {
            return this == MEMORY ? MEMORY_LIMIT_EXCEEDED : this == PROCESSES ? PROCESS_LIMIT_EXCEEDED : null;
        }

        /** The stronger of the two. */
        public LimitHit and(LimitHit other) {
            return compareTo(other) >= 0 ? this : other;
        }

        /** From the growth of the cgroup's counters while the runtime ran. */
        public static LimitHit of(long oomKills, long forksRefused) {
            return oomKills > 0 ? MEMORY : forksRefused > 0 ? PROCESSES : NONE;
        }
    }

    /**
     * Why an invocation (or init) failed, from what the kernel saw while it ran. A kill by the
     * memory cgroup explains everything after it; a fork refused by the pids cgroup explains an
     * error or an exit; otherwise the ending decides: a timeout we enforced, a failed init, an
     * error the function reported, or an exit nobody asked for.
     */
    public static Outcome ofFailure(Phase phase, Ending ending, LimitHit limit) {
        if (limit == LimitHit.MEMORY) {
            return MEMORY_LIMIT_EXCEEDED;
        }
        if (limit == LimitHit.PROCESSES && ending != Ending.TIMED_OUT) {
            return PROCESS_LIMIT_EXCEEDED;
        }
        if (ending == Ending.TIMED_OUT) {
            return TIMED_OUT;
        }
        if (phase == Phase.INIT) {
            return INIT_ERROR;
        }
        return ending == Ending.REPORTED_ERROR ? ERROR : CRASHED;
    }

    /**
     * The status of a whole invocation: a refused egress attempt names it whatever the function
     * made of the refusal; otherwise the entry portion's outcome, unless it failed and another
     * portion it called hit a limit on the way ({@code otherPortions}).
     */
    public static Outcome ofInvocation(Outcome entry, boolean egressDenied, LimitHit otherPortions) {
        if (egressDenied) {
            return EGRESS_DENIED;
        }
        return entry != SUCCESS && otherPortions != LimitHit.NONE ? otherPortions.outcome() : entry;
    }
}
