package dev.hearth.scheduler.application;

/**
 * How many invocations of one function and of one user (the caller) run at once, counted over
 * every member. An invocation over either limit waits, up to the settings' queue wait, for another
 * to end; then it is refused with {@link HearthException} {@code TOO_MANY_REQUESTS}. The same wait
 * covers a placement that found every instance busy: {@link Permit#awaitRelease} wakes when an
 * invocation ends, or after a short recheck interval.
 *
 * <p>The limits also hold the settings in force, so that the invocation path reads them here
 * rather than from the database on every invocation.
 */
public interface ConcurrencyLimits {

    /** The settings in force on this member, as the admin last set them (or the database held at the last check). */
    SchedulerSettings current();

    /** Takes the limits in {@code changed} on this member from now on; running invocations keep their slots. */
    void apply(SchedulerSettings changed);

    /** An admin changed the settings: every member takes them from now on, this one before it returns. */
    void applyOnEveryMember(SchedulerSettings changed);

    /**
     * Takes a slot of the function and of the user, waiting up to the queue wait for one.
     *
     * @throws HearthException TOO_MANY_REQUESTS: when none became free in time
     */
    Permit acquire(String user, String functionName);

    /** One invocation's slots; closing it frees them and wakes the waiters. */
    interface Permit extends AutoCloseable {

        /**
         * Waits until some invocation ends (or briefly), within the queue wait.
         *
         * @return false when the queue wait is over: stop trying
         */
        boolean awaitRelease();

        /** Frees the slots; closing twice frees them once. */
        @Override
        void close();
    }
}
