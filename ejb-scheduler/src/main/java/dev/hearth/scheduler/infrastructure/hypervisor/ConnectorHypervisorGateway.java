package dev.hearth.scheduler.infrastructure.hypervisor;

import dev.hearth.domain.function.Isolation;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The host agents reached through the JCA resource adapter, which routes each connection to the
 * named host: one pooled connection per call, returned by try-with-resources. Whatever else the
 * adapter throws becomes a {@link HostAgentException} of an unreachable agent.
 */
@ApplicationScoped
public class ConnectorHypervisorGateway implements HypervisorGateway {

    /** Instances run in Linux sandboxes until policies ask for VMs. */
    @Resource(lookup = "java:app/eis/hearth/HostAgent")
    HostAgentConnectionFactory connections;

    @Override
    public List<String> hostIds() {
        return List.copyOf(connections.hostIds());
    }

    @Override
    public HostSnapshot host(String hostId) {
        AgentInfo info = call(hostId, HostAgentConnection::info);
        return new HostSnapshot(
                hostId,
                info.instanceCapacity(),
                info.runtimes().stream()
                        .map(Runtime::byId)
                        .flatMap(Optional::stream)
                        .collect(Collectors.toSet()),
                Arrays.stream(info.driver().split(","))
                        .map(ConnectorHypervisorGateway::isolationOf)
                        .flatMap(Optional::stream)
                        .collect(Collectors.toSet()));
    }

    /** The isolation an agent's driver gives: its {@code sandbox} driver, or {@code qemu}'s VMs. */
    static Optional<Isolation> isolationOf(String driver) {
        return switch (driver.strip()) {
            case "sandbox" -> Optional.of(Isolation.SANDBOX);
            case "qemu" -> Optional.of(Isolation.VM);
            default -> Optional.empty();
        };
    }

    @Override
    public InstanceView createInstance(String hostId, String owner, Runtime runtime, Isolation isolation) {
        return call(hostId, c -> c.createInstance(new CreateInstanceRequest(owner, runtime.id(), isolation.id())));
    }

    @Override
    public List<InstanceView> listInstances(String hostId) {
        return call(hostId, HostAgentConnection::listInstances);
    }

    @Override
    public void destroyInstance(String hostId, String instanceId) {
        call(hostId, c -> {
            c.destroyInstance(instanceId);
            return null;
        });
    }

    @Override
    public void uploadCode(String hostId, String sha256, byte[] archive) {
        call(hostId, c -> {
            c.uploadCode(sha256, archive);
            return null;
        });
    }

    @Override
    public InvokeResult invoke(String hostId, String instanceId, InvokeRequest request) {
        return call(hostId, c -> c.invoke(instanceId, request));
    }

    private <T> T call(String hostId, Function<HostAgentConnection, T> request) {
        try (HostAgentConnection connection = connections.getConnection(hostId)) {
            return request.apply(connection);
        } catch (HostAgentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HostAgentException("host agent " + hostId + " connection failed: " + e, e);
        }
    }
}
