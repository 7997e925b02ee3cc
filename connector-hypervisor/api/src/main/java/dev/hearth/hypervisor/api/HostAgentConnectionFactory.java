package dev.hearth.hypervisor.api;

import jakarta.resource.Referenceable;
import java.io.Serializable;
import java.util.Set;

/**
 * Hands out connections to the host agents behind one resource adapter connection pool. Each
 * agent has a host id (the agent's {@code --host-id}); a connection reaches exactly one agent.
 */
public interface HostAgentConnectionFactory extends Serializable, Referenceable {

    /** A pooled connection to the first configured host; close it to return it to the pool. */
    HostAgentConnection getConnection();

    /**
     * A pooled connection to the named host.
     *
     * @throws HostAgentException with status 404 when no host of that id is configured
     */
    HostAgentConnection getConnection(String hostId);

    /** The ids of every host this factory routes to, in configuration order. */
    Set<String> hostIds();
}
