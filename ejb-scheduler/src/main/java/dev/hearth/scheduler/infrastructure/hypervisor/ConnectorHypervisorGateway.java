package dev.hearth.scheduler.infrastructure.hypervisor;

import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.HostSnapshot;
import dev.hearth.hypervisor.api.HostAgentConnection;
import dev.hearth.hypervisor.api.HostAgentConnectionFactory;
import dev.hearth.hypervisor.api.HostAgentException;
import dev.hearth.hypervisor.api.wire.AgentInfo;
import dev.hearth.hypervisor.api.wire.CreateInstanceRequest;
import dev.hearth.hypervisor.api.wire.InstanceView;
import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.InvokeResult;
import dev.hearth.scheduler.application.HypervisorGateway;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The host agent reached through the JCA resource adapter: one pooled connection per call,
 * returned by try-with-resources. Whatever else the adapter throws becomes a {@link
 * HostAgentException} of an unreachable agent.
 */
@ApplicationScoped
public class ConnectorHypervisorGateway implements HypervisorGateway {

    /** Instances run in Linux sandboxes until policies ask for VMs. */
    private static final String ISOLATION = "sandbox";

    @Resource(lookup = "java:app/eis/hearth/HostAgent")
    HostAgentConnectionFactory connections;

    @Override
    public HostSnapshot host() {
        AgentInfo info = call(HostAgentConnection::info);
        return new HostSnapshot(
                info.hostId(),
                true,
                info.instanceCapacity(),
                info.runtimes().stream()
                        .map(Runtime::byId)
                        .flatMap(Optional::stream)
                        .collect(Collectors.toSet()));
    }

    @Override
    public InstanceView createInstance(String owner, Runtime runtime) {
        return call(c -> c.createInstance(new CreateInstanceRequest(owner, runtime.id(), ISOLATION)));
    }

    @Override
    public List<InstanceView> listInstances() {
        return call(HostAgentConnection::listInstances);
    }

    @Override
    public void destroyInstance(String instanceId) {
        call(c -> {
            c.destroyInstance(instanceId);
            return null;
        });
    }

    @Override
    public boolean hasCode(String sha256) {
        return call(c -> c.hasCode(sha256));
    }

    @Override
    public void uploadCode(String sha256, byte[] archive) {
        call(c -> {
            c.uploadCode(sha256, archive);
            return null;
        });
    }

    @Override
    public InvokeResult invoke(String instanceId, InvokeRequest request) {
        return call(c -> c.invoke(instanceId, request));
    }

    private <T> T call(Function<HostAgentConnection, T> request) {
        try (HostAgentConnection connection = connections.getConnection()) {
            return request.apply(connection);
        } catch (HostAgentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HostAgentException("host agent connection failed: " + e, e);
        }
    }
}
