package dev.hearth.hypervisor.adapter.outbound;

import dev.hearth.hypervisor.api.HostAgentConnection;
import dev.hearth.hypervisor.api.HostAgentConnectionFactory;
import dev.hearth.hypervisor.api.HostAgentException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.util.Set;
import javax.naming.NamingException;
import javax.naming.Reference;

/** The factory that applications look up; every connection comes from the server's pool. */
public class DefaultHostAgentConnectionFactory implements HostAgentConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final HostAgentManagedConnectionFactory managedFactory;
    private final transient ConnectionManager connectionManager;
    private Reference reference;

    DefaultHostAgentConnectionFactory(
            HostAgentManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public HostAgentConnection getConnection() {
        return allocate(null);
    }

    @Override
    public HostAgentConnection getConnection(String hostId) {
        if (!hostIds().contains(hostId)) {
            throw new HostAgentException(404, "no host agent with id '" + hostId + "' is configured");
        }
        return allocate(new HostRoute(hostId));
    }

    @Override
    public Set<String> hostIds() {
        try {
            return managedFactory.directory().agents().keySet();
        } catch (ResourceException e) {
            throw new HostAgentException("the host agent settings are invalid: " + e.getMessage(), e);
        }
    }

    private HostAgentConnection allocate(HostRoute route) {
        try {
            return (HostAgentConnection) connectionManager.allocateConnection(managedFactory, route);
        } catch (ResourceException e) {
            throw new HostAgentException("no connection to the host agent: " + e.getMessage(), e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() throws NamingException {
        return reference;
    }
}
