package dev.hearth.hypervisor.api;

import dev.hearth.protocol.wire.AgentInfo;
import dev.hearth.protocol.wire.CreateInstanceRequest;
import dev.hearth.protocol.wire.InstanceView;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import java.util.List;

/**
 * One logical connection to a host agent (version 1 of its API). Every method is a blocking
 * request; failures are {@link HostAgentException}s carrying the agent's problem detail.
 */
public interface HostAgentConnection extends AutoCloseable {

    AgentInfo info();

    /** Boots an instance (a VM or sandbox) for the given owner, or for nobody (warming pool). */
    InstanceView createInstance(CreateInstanceRequest request);

    List<InstanceView> listInstances();

    /** Destroys the instance and everything in it; a missing instance is not an error. */
    void destroyInstance(String instanceId);

    /** Stores a code package on the agent; the agent checks the digest and the archive. */
    void uploadCode(String sha256, byte[] archive);

    /** Runs one invocation in the instance, creating the function's containers if needed. */
    InvokeResult invoke(String instanceId, InvokeRequest request);

    /** Returns the connection to the pool; never throws. */
    @Override
    void close();
}
