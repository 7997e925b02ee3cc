package dev.hearth.hypervisor.adapter.outbound;

import dev.hearth.hypervisor.adapter.transport.AgentApiClient;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * One pooled, persistent connection to the host agent. Handles given to applications delegate
 * here; a transport failure marks the connection broken so that the pool replaces it, which is
 * how Hearth reconnects after an agent restarts.
 */
final class HostAgentManagedConnection implements ManagedConnection {

    private final HostAgentManagedConnectionFactory factory;
    private final String hostId;
    private final AgentApiClient client;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<HostAgentConnectionHandle> handles = new CopyOnWriteArrayList<>();
    private volatile boolean broken;
    private PrintWriter logWriter;

    HostAgentManagedConnection(HostAgentManagedConnectionFactory factory, String hostId, AgentApiClient client) {
        this.factory = factory;
        this.hostId = hostId;
        this.client = client;
    }

    HostAgentManagedConnectionFactory factory() {
        return factory;
    }

    String hostId() {
        return hostId;
    }

    AgentApiClient client() {
        return client;
    }

    /** False once a transport error was seen: the pool must not hand this connection out again. */
    boolean isHealthy() {
        return !broken;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        HostAgentConnectionHandle handle = new HostAgentConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof HostAgentConnectionHandle handle)) {
            throw new ResourceException("not a host agent connection: " + connection);
        }
        handle.moveTo(this);
        handles.add(handle);
    }

    void handleClosed(HostAgentConnectionHandle handle) {
        handles.remove(handle);
        fire(ConnectionEvent.CONNECTION_CLOSED, handle, null);
    }

    void transportFailed(HostAgentConnectionHandle handle, Exception cause) {
        broken = true;
        client.close();
        fire(ConnectionEvent.CONNECTION_ERROR_OCCURRED, handle, cause);
    }

    private void fire(int type, HostAgentConnectionHandle handle, Exception cause) {
        ConnectionEvent event =
                cause == null ? new ConnectionEvent(this, type) : new ConnectionEvent(this, type, cause);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            switch (type) {
                case ConnectionEvent.CONNECTION_CLOSED -> listener.connectionClosed(event);
                case ConnectionEvent.CONNECTION_ERROR_OCCURRED -> listener.connectionErrorOccurred(event);
                default -> throw new IllegalArgumentException("unexpected connection event " + type);
            }
        }
    }

    @Override
    public void cleanup() {
        handles.forEach(HostAgentConnectionHandle::invalidate);
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
        client.close();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("host agents are not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("host agents are not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "Hearth host agent";
            }

            @Override
            public String getEISProductVersion() {
                return "v1";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return "";
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
