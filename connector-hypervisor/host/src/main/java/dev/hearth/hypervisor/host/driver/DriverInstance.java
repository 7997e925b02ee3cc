package dev.hearth.hypervisor.host.driver;

import dev.hearth.protocol.wire.InvokeResult;

/** One booted instance of a driver. */
public interface DriverInstance {

    /**
     * Runs one invocation, starting the function's containers first when they do not run yet.
     * Concurrent calls are served one after the other. Failures of the function are results, not
     * exceptions; a {@link DriverException} means the instance itself could not do it.
     */
    InvokeResult invoke(Invocation invocation) throws DriverException, InterruptedException;

    /** False once the instance has died by itself (its relay or namespace is gone). */
    boolean alive();

    /** Kills everything in the instance and removes it; safe to call twice. */
    void destroy();
}
