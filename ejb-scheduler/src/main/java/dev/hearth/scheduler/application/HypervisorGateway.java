package dev.hearth.scheduler.application;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.HostSnapshot;
import dev.hearth.hypervisor.api.HostAgentException;
import dev.hearth.hypervisor.api.wire.InstanceView;
import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.InvokeResult;
import java.util.List;

/**
 * The host agents as the services need them, without the connector's plumbing. Every call names
 * the host it goes to. Every method throws {@link HostAgentException} when the agent refuses (its
 * HTTP status) or cannot be reached (status 0).
 */
public interface HypervisorGateway {

    /** The ids of every host agent Hearth is configured to use. */
    List<String> hostIds();

    /** What the agent says of its host (capacity, runtimes), as a healthy host. */
    HostSnapshot host(String hostId);

    /** Boots an instance that belongs to {@code owner} from the start, or to nobody (null: warming pool). */
    InstanceView createInstance(String hostId, String owner, Runtime runtime, Isolation isolation);

    List<InstanceView> listInstances(String hostId);

    /** Destroys an instance; a missing one is not an error. */
    void destroyInstance(String hostId, String instanceId);

    void uploadCode(String hostId, String sha256, byte[] archive);

    InvokeResult invoke(String hostId, String instanceId, InvokeRequest request);
}
