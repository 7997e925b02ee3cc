package dev.hearth.hypervisor.host.driver;

import java.util.List;

/** Makes instances of one kind (Linux sandboxes, QEMU virtual machines). */
public interface InstanceDriver extends AutoCloseable {

    /** The driver's name as {@code GET /v1/agent} reports it, e.g. {@code sandbox}. */
    String name();

    /** The runtimes its instances can run, e.g. {@code python3}. */
    List<String> runtimes();

    /** Removes whatever an earlier run of the agent left behind (processes, namespaces, files). */
    void cleanUpLeftovers();

    /**
     * Boots an instance; when this fails, nothing of it is left. {@code readyFor}, null for none,
     * is the runtime of a warming-pool instance: a driver may get containers ready for it.
     */
    DriverInstance boot(String instanceId, String readyFor) throws DriverException, InterruptedException;

    /** Destroys every instance still running. */
    @Override
    void close();
}
