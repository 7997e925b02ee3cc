package dev.hearth.hypervisor.adapter.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.adapter.transport.ScriptedAgent;
import dev.hearth.hypervisor.api.HostAgentConnection;
import dev.hearth.hypervisor.api.HostAgentException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server's connection pool learns from a managed connection: an agent that refuses a
 * request leaves the connection in the pool, one that cannot be reached gets it replaced.
 */
class HostAgentManagedConnectionTest {

    @TempDir
    Path dir;

    private final List<String> events = new CopyOnWriteArrayList<>();

    private HostAgentManagedConnection connect(ScriptedAgent agent, HostAgentManagedConnectionFactory factory)
            throws Exception {
        Path secret = dir.resolve("agent.secret");
        Files.writeString(secret, "s3cret\n");
        factory.setAgentUrl(agent.url("http").toString());
        factory.setSecretFile(secret.toString());
        HostAgentManagedConnection connection =
                (HostAgentManagedConnection) factory.createManagedConnection(null, new HostRoute("local"));
        connection.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                events.add("closed");
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {
                events.add("error: " + event.getException().getMessage());
            }

            @Override
            public void localTransactionStarted(ConnectionEvent event) {}

            @Override
            public void localTransactionCommitted(ConnectionEvent event) {}

            @Override
            public void localTransactionRolledback(ConnectionEvent event) {}
        });
        return connection;
    }

    @Test
    void aRefusalLeavesTheConnectionInThePool() throws Exception {
        HostAgentManagedConnectionFactory factory = new HostAgentManagedConnectionFactory();
        try (ScriptedAgent agent = new ScriptedAgent(
                null, request -> ScriptedAgent.answer(404, "application/problem+json", "{\"detail\":\"no i-9\"}"))) {
            HostAgentManagedConnection connection = connect(agent, factory);
            HostAgentConnection handle = (HostAgentConnection) connection.getConnection(null, null);

            HostAgentException refused = assertThrows(HostAgentException.class, () -> handle.destroyInstance("i-9"));
            handle.close();

            assertEquals(404, refused.status());
            assertEquals("Bearer s3cret", agent.requests().get(0).headers().get("authorization"));
            assertEquals(List.of("closed"), events);
            assertEquals(Set.of(), factory.getInvalidConnections(Set.of(connection)));
        }
    }

    @Test
    void anUnreachableAgentGetsTheConnectionReplaced() throws Exception {
        HostAgentManagedConnectionFactory factory = new HostAgentManagedConnectionFactory();
        HostAgentManagedConnection connection;
        HostAgentConnection handle;
        try (ScriptedAgent agent = new ScriptedAgent(null, request -> null)) {
            connection = connect(agent, factory);
            handle = (HostAgentConnection) connection.getConnection(null, null);
        }

        HostAgentException unreachable = assertThrows(HostAgentException.class, handle::info);

        assertTrue(unreachable.unreachable());
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("error: host agent unreachable"), events.toString());
        assertEquals(Set.of(connection), factory.getInvalidConnections(Set.of(connection)));
    }

    @Test
    void aClosedHandleIsNotUsedAgain() throws Exception {
        HostAgentManagedConnectionFactory factory = new HostAgentManagedConnectionFactory();
        try (ScriptedAgent agent = new ScriptedAgent(null, request -> null)) {
            HostAgentConnection handle =
                    (HostAgentConnection) connect(agent, factory).getConnection(null, null);
            handle.close();

            assertThrows(IllegalStateException.class, handle::info);
            assertEquals(List.of(), agent.requests(), "nothing was sent through the closed handle");
        }
    }
}
