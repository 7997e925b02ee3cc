package dev.hearth.scheduler.infrastructure.hypervisor;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.function.SecurityPolicy;
import dev.hearth.domain.placement.AgentInstance;
import dev.hearth.domain.placement.HostSnapshot;
import dev.hearth.hypervisor.api.HostAgentConnection;
import dev.hearth.hypervisor.api.HostAgentConnectionFactory;
import dev.hearth.hypervisor.api.HostAgentException;
import dev.hearth.protocol.wire.AgentInfo;
import dev.hearth.protocol.wire.CreateInstanceRequest;
import dev.hearth.protocol.wire.InstanceView;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import dev.hearth.scheduler.application.HostAgentFailure;
import dev.hearth.scheduler.application.HypervisorGateway;
import dev.hearth.scheduler.application.Invocation;
import dev.hearth.scheduler.application.InvokeOutcome;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The host agents reached through the JCA resource adapter, which routes each connection to the
 * named host: one pooled connection per call, returned by try-with-resources. The one place that
 * knows the agent's wire types and status codes: it maps them to the scheduler's terms ({@link
 * InvokeOutcome}, {@link AgentInstance}, {@link HostAgentFailure}).
 */
@ApplicationScoped
public class ConnectorHypervisorGateway implements HypervisorGateway {

    /** What the agent answers for an instance it does not have. */
    static final int INSTANCE_GONE = 404;

    /** What the agent answers to an invocation whose code package it does not hold. */
    static final int CODE_NOT_ON_HOST = 409;

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
    public AgentInstance createInstance(
            String hostId, String member, String owner, Runtime runtime, Isolation isolation) {
        return instance(call(
                hostId, c -> c.createInstance(new CreateInstanceRequest(owner, runtime.id(), isolation.id(), member))));
    }

    @Override
    public List<AgentInstance> listInstances(String hostId) {
        return call(hostId, HostAgentConnection::listInstances).stream()
                .map(ConnectorHypervisorGateway::instance)
                .toList();
    }

    /**
     * {@code ready} serves; whatever else the agent says ({@code booting}, {@code dead}) does not.
     * An older agent lists no member.
     */
    static AgentInstance instance(InstanceView view) {
        return new AgentInstance(
                view.instanceId(),
                view.hostId(),
                "ready".equals(view.state()) ? AgentInstance.State.READY : AgentInstance.State.DEAD,
                Optional.ofNullable(view.member()));
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
    public InvokeOutcome invoke(String hostId, String instanceId, Invocation invocation) {
        InvokeResult result;
        try (HostAgentConnection connection = connections.getConnection(hostId)) {
            result = connection.invoke(instanceId, request(invocation));
        } catch (HostAgentException e) {
            HostAgentFailure failure = failure(e);
            if (e.status() == INSTANCE_GONE) {
                return new InvokeOutcome.InstanceGone(failure.getMessage());
            }
            if (e.status() == CODE_NOT_ON_HOST) {
                return new InvokeOutcome.CodeMissing(failure.getMessage());
            }
            return new InvokeOutcome.Failed(failure);
        } catch (RuntimeException e) {
            return new InvokeOutcome.Failed(connectionFailed(hostId, e));
        }
        return new InvokeOutcome.Invoked(
                result.invocationId(),
                result.status(),
                result.payload(),
                result.containersCreated(),
                result.initMillis(),
                result.runMillis(),
                result.logTail());
    }

    static InvokeRequest request(Invocation invocation) {
        FunctionManifest manifest = invocation.manifest();
        SecurityPolicy policy = invocation.policy();
        return new InvokeRequest(
                invocation.invocationId(),
                invocation.functionName(),
                invocation.codeSha256(),
                manifest.runtime().id(),
                manifest.entryPortion(),
                manifest.portions().stream()
                        .map(p -> new PortionSpec(
                                p.name(),
                                p.path(),
                                p.handler(),
                                p.trustLevel().id(),
                                p.environment(),
                                manifest.sharedPaths()))
                        .toList(),
                policy.environment(),
                new ResourceLimits(
                        policy.memoryMb(),
                        policy.timeoutMillis(),
                        policy.maxProcesses(),
                        policy.tmpMb(),
                        policy.cpuPercent()),
                invocation.event(),
                invocation.credential(),
                policy.egressAllowList(),
                invocation.auxiliaryUrl(),
                invocation.allowedPrivateNetworks(),
                invocation.secrets());
    }

    /** Runs one request on a pooled connection; a failure becomes a {@link HostAgentFailure}. */
    private <T> T call(String hostId, Function<HostAgentConnection, T> request) {
        try (HostAgentConnection connection = connections.getConnection(hostId)) {
            return request.apply(connection);
        } catch (HostAgentException e) {
            throw failure(e);
        } catch (RuntimeException e) {
            throw connectionFailed(hostId, e);
        }
    }

    /** The agent's refusal with its status, or (status 0) no answer at all. */
    private static HostAgentFailure failure(HostAgentException e) {
        return e.unreachable()
                ? new HostAgentFailure.Unreachable(e.getMessage(), e)
                : new HostAgentFailure.Refused(e.status() + ": " + e.getMessage(), e);
    }

    /** Whatever else the adapter throws means the agent could not be reached. */
    private static HostAgentFailure connectionFailed(String hostId, RuntimeException e) {
        return new HostAgentFailure.Unreachable("host agent " + hostId + " connection failed: " + e, e);
    }
}
