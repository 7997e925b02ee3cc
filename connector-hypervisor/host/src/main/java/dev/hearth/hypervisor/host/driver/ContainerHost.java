package dev.hearth.hypervisor.host.driver;

import dev.hearth.hypervisor.host.runtimeapi.PortionCalls;
import dev.hearth.protocol.wire.PortionSpec;
import java.util.Collection;
import java.util.concurrent.Executor;

/**
 * What a driver does for {@link InvocationEngine} in one of its instances: start a portion's
 * container (which then awaits its init, takes events and stops, {@link PortionContainer}), and
 * pause and resume the instance between invocations. The engine calls it under the instance's
 * lock, except {@link #alive} and {@link #tearDown}.
 */
public interface ContainerHost<C extends PortionContainer> {

    /** How long the runtimes of a function may take, all together, until each asks for work. */
    long initTimeoutMillis();

    /**
     * Makes room for the containers of {@code wanted}, the earlier ones being stopped: null then,
     * else why this instance cannot run them (the invocation ends as an init error).
     */
    String admit(ContainerKey wanted);

    /**
     * Starts the container of {@code spec}, the {@code index}-th portion of {@code wanted};
     * {@code calls} serves the entry portion's calls to the others (null for the others). On
     * failure, nothing of it is left.
     */
    C start(Invocation invocation, ContainerKey wanted, PortionSpec spec, int index, PortionCalls calls)
            throws DriverException, InterruptedException;

    /** Once new containers ran their first event: what was kept in reserve for them may go, on {@code executor}. */
    default void releaseSpares(Executor executor) {}

    /**
     * First thing in an invocation: lets the instance's {@code containers} run again. False when
     * they cannot (they are started anew); throws when the instance itself no longer runs.
     */
    boolean resume(Collection<C> containers) throws DriverException;

    /** Between invocations, off their path: stops the instance's {@code containers} where they are. */
    void pause(Collection<C> containers);

    /** Where the instance's own log stands now; 0 where each container keeps its own ({@link Run#logTail}). */
    long logMark();

    /** The instance's own log since {@code mark}; {@code ""} where each container keeps its own. */
    String logsSince(long mark);

    /** False once the instance has died by itself. */
    boolean alive();

    /** Kills what is left of the instance and removes it; its containers are stopped after it. */
    void tearDown();
}
