package dev.hearth.scheduler.application;

import dev.hearth.domain.placement.StartKind;

/** What the scheduler counts and times for operators; the adapter publishes it. */
public interface SchedulerMetrics {

    /** Why an invocation was refused. */
    enum Rejection {
        /** The function or the user had too many invocations running (429). */
        CONCURRENCY_LIMIT("concurrency-limit"),
        /** Every instance that could serve it stayed busy (429). */
        ALL_BUSY("all-busy"),
        /** No host could take it (503). */
        NO_CAPACITY("no-capacity"),
        /** No host offers the function's runtime with its isolation (503 without Retry-After). */
        NOT_OFFERED("not-offered");

        private final String id;

        Rejection(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** An invocation ran, started as {@code kind}, taking {@code nanos} from placement to result. */
    void invoked(StartKind kind, long nanos);

    void rejected(Rejection why);
}
