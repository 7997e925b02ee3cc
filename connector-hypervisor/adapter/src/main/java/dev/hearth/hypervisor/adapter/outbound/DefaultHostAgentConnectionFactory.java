package dev.hearth.hypervisor.adapter.outbound;

import dev.hearth.hypervisor.api.HostAgentConnection;
import dev.hearth.hypervisor.api.HostAgentConnectionFactory;
import dev.hearth.hypervisor.api.HostAgentException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
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
        try {
            return (HostAgentConnection) connectionManager.allocateConnection(managedFactory, null);
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
