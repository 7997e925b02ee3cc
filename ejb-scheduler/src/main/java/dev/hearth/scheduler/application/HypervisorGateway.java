package dev.hearth.scheduler.application;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.AgentInstance;
import dev.hearth.domain.placement.HostSnapshot;
import java.util.List;

/**
 * The host agents as the scheduler needs them, in its own terms: no wire types, no status codes.
 * Every call names the host it goes to. An invocation's answer is an {@link InvokeOutcome};
 * every other call throws {@link HostAgentFailure} when the agent cannot be reached or refuses.
 */
public interface HypervisorGateway {

    /** The ids of every host agent Hearth is configured to use. */
    List<String> hostIds();

    /** What the agent says of its host (capacity, runtimes, isolations), as a healthy host. */
    HostSnapshot host(String hostId);

    /**
     * Boots an instance that belongs to {@code owner} from the start, or to nobody (null: warming
     * pool), labelled as booted by {@code member} of the control plane.
     */
    AgentInstance createInstance(String hostId, String member, String owner, Runtime runtime, Isolation isolation);

    /** Every instance on the host, each with the member its boot was labelled with (ADR 26). */
    List<AgentInstance> listInstances(String hostId);

    /** Destroys an instance; a missing one is not an error. */
    void destroyInstance(String hostId, String instanceId);

    void uploadCode(String hostId, String sha256, byte[] archive);

    InvokeOutcome invoke(String hostId, String instanceId, Invocation invocation);
}
