package dev.hearth.scheduler.infrastructure.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Portion;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.function.SecurityPolicy;
import dev.hearth.domain.function.TrustLevel;
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
import dev.hearth.scheduler.application.HostAgentFailure;
import dev.hearth.scheduler.application.Invocation;
import dev.hearth.scheduler.application.InvokeOutcome;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The one place that reads the agent's wire types and status codes maps them to the scheduler's terms. */
class ConnectorHypervisorGatewayTest {

    private static final Invocation INVOCATION = new Invocation(
            "inv-1",
            "hello",
            "sha-hello",
            new FunctionManifest(
                    Runtime.PYTHON3,
                    "main",
                    List.of(new Portion("main", "main", "handler.main", TrustLevel.UNTRUSTED)),
                    SecurityPolicy.DEFAULT),
            SecurityPolicy.DEFAULT,
            "{}",
            null,
            null,
            List.of(),
            Map.of());

    @Test
    void aFunctionThatRanIsInvokedWhateverItsOwnStatus() {
        InvokeOutcome outcome = invokeAnswering(request ->
                new InvokeResult(request.invocationId(), "error", "{\"errorMessage\":\"boom\"}", true, 3, 4, "log"));

        assertEquals(
                new InvokeOutcome.Invoked("inv-1", "error", "{\"errorMessage\":\"boom\"}", true, 3, 4, "log"), outcome);
    }

    @Test
    void notFoundMeansTheInstanceIsGone() {
        InvokeOutcome outcome = invokeAnswering(request -> {
            throw new HostAgentException(404, "no instance i1");
        });

        assertEquals(new InvokeOutcome.InstanceGone("answered 404: no instance i1"), outcome);
    }

    @Test
    void conflictMeansTheCodeIsMissing() {
        InvokeOutcome outcome = invokeAnswering(request -> {
            throw new HostAgentException(409, "no code sha-hello");
        });

        assertEquals(new InvokeOutcome.CodeMissing("answered 409: no code sha-hello"), outcome);
    }

    @Test
    void anotherErrorIsARefusal() {
        InvokeOutcome outcome = invokeAnswering(request -> {
            throw new HostAgentException(500, "disk full");
        });

        HostAgentFailure failure =
                assertInstanceOf(InvokeOutcome.Failed.class, outcome).failure();
        assertInstanceOf(HostAgentFailure.Refused.class, failure);
        assertEquals("answered 500: disk full", failure.getMessage());
    }

    @Test
    void noAnswerOrABrokenConnectionMeansUnreachable() {
        InvokeOutcome timedOut = invokeAnswering(request -> {
            throw new HostAgentException("read timed out", null);
        });
        InvokeOutcome broken = invokeAnswering(request -> {
            throw new IllegalStateException("pool closed");
        });

        assertInstanceOf(
                HostAgentFailure.Unreachable.class,
                assertInstanceOf(InvokeOutcome.Failed.class, timedOut).failure());
        assertInstanceOf(
                HostAgentFailure.Unreachable.class,
                assertInstanceOf(InvokeOutcome.Failed.class, broken).failure());
    }

    @Test
    void onlyAReadyInstanceCanServe() {
        ConnectorHypervisorGateway gateway = gateway(
                connection("listInstances", List.of(view("a", "ready"), view("b", "dead"), view("c", "booting"))));

        assertEquals(
                List.of(
                        new AgentInstance("a", "h", AgentInstance.State.READY, "hearth-1"),
                        new AgentInstance("b", "h", AgentInstance.State.DEAD, "hearth-1"),
                        new AgentInstance("c", "h", AgentInstance.State.DEAD, "hearth-1")),
                gateway.listInstances("h"));
    }

    @Test
    void aBootCarriesTheMembersLabelAndAnOlderAgentsListingNone() {
        List<CreateInstanceRequest> sent = new ArrayList<>();
        HostAgentConnection agent = (HostAgentConnection) Proxy.newProxyInstance(
                HostAgentConnection.class.getClassLoader(),
                new Class<?>[] {HostAgentConnection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createInstance" -> {
                        sent.add((CreateInstanceRequest) args[0]);
                        yield view("a", "ready");
                    }
                    case "listInstances" -> List.of(
                            new InstanceView("old", "h", null, "python3", "sandbox", "ready", 5, null));
                    default -> null;
                });
        ConnectorHypervisorGateway gateway = gateway(agent);

        gateway.createInstance("h", "hearth-1", null, Runtime.PYTHON3, Isolation.SANDBOX);

        assertEquals(List.of(new CreateInstanceRequest(null, "python3", "sandbox", "hearth-1")), sent);
        assertEquals(
                List.of(new AgentInstance("old", "h", AgentInstance.State.READY, Optional.empty())),
                gateway.listInstances("h"));
    }

    @Test
    void aHostOffersTheIsolationsOfItsDrivers() {
        ConnectorHypervisorGateway gateway =
                gateway(connection("info", new AgentInfo("h", "v1", "sandbox, qemu", 8, List.of("python3", "cobol"))));

        assertEquals(
                new HostSnapshot("h", 8, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX, Isolation.VM)),
                gateway.host("h"));
    }

    @Test
    void otherCallsThrowTheFailure() {
        ConnectorHypervisorGateway gateway =
                gateway(connection("destroyInstance", new HostAgentException(503, "busy")));

        HostAgentFailure failure =
                assertThrows(HostAgentFailure.Refused.class, () -> gateway.destroyInstance("h", "i1"));
        assertEquals("answered 503: busy", failure.getMessage());
    }

    private static InvokeOutcome invokeAnswering(Function<InvokeRequest, InvokeResult> agent) {
        HostAgentConnection connection = (HostAgentConnection) Proxy.newProxyInstance(
                HostAgentConnection.class.getClassLoader(),
                new Class<?>[] {HostAgentConnection.class},
                (proxy, method, args) ->
                        method.getName().equals("invoke") ? agent.apply((InvokeRequest) args[1]) : null);
        return gateway(connection).invoke("h", "i1", INVOCATION);
    }

    /** A connection whose {@code method} answers {@code answer}, or throws it if it is an exception. */
    private static HostAgentConnection connection(String method, Object answer) {
        return (HostAgentConnection) Proxy.newProxyInstance(
                HostAgentConnection.class.getClassLoader(),
                new Class<?>[] {HostAgentConnection.class},
                (proxy, called, args) -> {
                    if (!called.getName().equals(method)) {
                        return null;
                    }
                    if (answer instanceof RuntimeException e) {
                        throw e;
                    }
                    return answer;
                });
    }

    private static ConnectorHypervisorGateway gateway(HostAgentConnection connection) {
        ConnectorHypervisorGateway gateway = new ConnectorHypervisorGateway();
        gateway.connections = (HostAgentConnectionFactory) Proxy.newProxyInstance(
                HostAgentConnectionFactory.class.getClassLoader(),
                new Class<?>[] {HostAgentConnectionFactory.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? connection : null);
        return gateway;
    }

    private static InstanceView view(String id, String state) {
        return new InstanceView(id, "h", null, "python3", "sandbox", state, 5, "hearth-1");
    }
}
