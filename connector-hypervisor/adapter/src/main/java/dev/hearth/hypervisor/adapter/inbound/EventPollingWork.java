package dev.hearth.hypervisor.adapter.inbound;

import dev.hearth.hypervisor.adapter.transport.AgentApiClient;
import dev.hearth.hypervisor.api.HostAgentException;
import dev.hearth.hypervisor.api.HostEventListener;
import dev.hearth.protocol.wire.AgentEvent;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Long-polls one host agent's event feed and hands each event to a message endpoint, in order.
 * Runs as container {@link Work} until released. An unreachable agent is polled again after a
 * pause on a fresh connection, so an agent restart only delays delivery (and may repeat events).
 */
public final class EventPollingWork implements Work {

    private static final Logger LOG = Logger.getLogger(EventPollingWork.class.getName());

    private final String hostId;
    private final Supplier<AgentApiClient> connect;
    private final MessageEndpointFactory endpoints;
    private final long pollWaitMillis;
    private final long retryMillis;
    private volatile boolean released;
    private long lastSequence;

    public EventPollingWork(
            String hostId,
            Supplier<AgentApiClient> connect,
            MessageEndpointFactory endpoints,
            long pollWaitMillis,
            long retryMillis) {
        this.hostId = hostId;
        this.connect = connect;
        this.endpoints = endpoints;
        this.pollWaitMillis = pollWaitMillis;
        this.retryMillis = retryMillis;
    }

    @Override
    public void run() {
        while (!released) {
            try (AgentApiClient client = connect.get()) {
                while (!released) {
                    deliver(client.events(lastSequence, pollWaitMillis));
                }
            } catch (HostAgentException e) {
                LOG.log(Level.FINE, "host agent " + hostId + " events: " + e.getMessage());
                // The agent may have restarted and numbered its events from the start again, so the
                // feed is read from its beginning; listeners treat a repeated event as already seen.
                lastSequence = 0;
                pause();
            }
        }
    }

    private void deliver(List<AgentEvent> events) {
        for (AgentEvent event : events) {
            if (event.sequence() <= lastSequence) {
                continue;
            }
            try {
                MessageEndpoint endpoint = endpoints.createEndpoint(null);
                try {
                    ((HostEventListener) endpoint).onHostEvent(event);
                } finally {
                    endpoint.release();
                }
            } catch (UnavailableException | RuntimeException e) {
                // One failed delivery must not stop the feed; the event is logged and skipped.
                LOG.log(Level.WARNING, "could not deliver host event " + event + ": " + e.getMessage(), e);
            }
            lastSequence = event.sequence();
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            released = true;
        }
    }

    @Override
    public void release() {
        released = true;
    }
}
