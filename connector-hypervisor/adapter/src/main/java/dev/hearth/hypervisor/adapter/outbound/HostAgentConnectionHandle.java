package dev.hearth.hypervisor.adapter.outbound;

import dev.hearth.hypervisor.adapter.transport.AgentApiClient;
import dev.hearth.hypervisor.api.HostAgentConnection;
import dev.hearth.hypervisor.api.HostAgentException;
import dev.hearth.protocol.wire.AgentInfo;
import dev.hearth.protocol.wire.CreateInstanceRequest;
import dev.hearth.protocol.wire.InstanceView;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import java.util.List;
import java.util.function.Function;

/** The connection an application holds: a thin handle on a pooled managed connection. */
final class HostAgentConnectionHandle implements HostAgentConnection {

    private HostAgentManagedConnection managed;

    HostAgentConnectionHandle(HostAgentManagedConnection managed) {
        this.managed = managed;
    }

    void moveTo(HostAgentManagedConnection other) {
        this.managed = other;
    }

    void invalidate() {
        this.managed = null;
    }

    @Override
    public AgentInfo info() {
        return call(AgentApiClient::info);
    }

    @Override
    public InstanceView createInstance(CreateInstanceRequest request) {
        return call(client -> client.createInstance(request));
    }

    @Override
    public List<InstanceView> listInstances() {
        return call(AgentApiClient::listInstances);
    }

    @Override
    public void destroyInstance(String instanceId) {
        call(client -> {
            client.destroyInstance(instanceId);
            return null;
        });
    }

    @Override
    public void uploadCode(String sha256, byte[] archive) {
        call(client -> {
            client.uploadCode(sha256, archive);
            return null;
        });
    }

    @Override
    public InvokeResult invoke(String instanceId, InvokeRequest request) {
        return call(client -> client.invoke(instanceId, request));
    }

    @Override
    public void close() {
        HostAgentManagedConnection current = managed;
        if (current != null) {
            managed = null;
            current.handleClosed(this);
        }
    }

    private <T> T call(Function<AgentApiClient, T> request) {
        HostAgentManagedConnection current = managed;
        if (current == null) {
            throw new IllegalStateException("this host agent connection is closed");
        }
        try {
            return request.apply(current.client());
        } catch (HostAgentException e) {
            if (e.unreachable()) {
                current.transportFailed(this, e);
            }
            throw e;
        }
    }
}
