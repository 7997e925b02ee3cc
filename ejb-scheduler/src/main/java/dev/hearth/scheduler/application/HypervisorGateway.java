package dev.hearth.scheduler.application;

import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.HostSnapshot;
import dev.hearth.hypervisor.api.HostAgentException;
import dev.hearth.hypervisor.api.wire.InstanceView;
import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.InvokeResult;
import java.util.List;

/**
 * The host agent as the services need it, without the connector's plumbing. For now there is
 * exactly one host agent: the one the connection factory reaches. Every method throws {@link
 * HostAgentException} when the agent refuses (its HTTP status) or cannot be reached (status 0).
 */
public interface HypervisorGateway {

    /** The agent's host, its capacity and runtimes, as a healthy host. */
    HostSnapshot host();

    /** Boots an instance that belongs to {@code owner} from the start. */
    InstanceView createInstance(String owner, Runtime runtime);

    List<InstanceView> listInstances();

    /** Destroys an instance; a missing one is not an error. */
    void destroyInstance(String instanceId);

    boolean hasCode(String sha256);

    void uploadCode(String sha256, byte[] archive);

    InvokeResult invoke(String instanceId, InvokeRequest request);
}
