package dev.hearth.hypervisor.api;

import jakarta.resource.Referenceable;
import java.io.Serializable;

/** Hands out connections to the host agents behind one resource adapter connection pool. */
public interface HostAgentConnectionFactory extends Serializable, Referenceable {

    /** A pooled connection; close it (try-with-resources) to return it to the pool. */
    HostAgentConnection getConnection();
}
