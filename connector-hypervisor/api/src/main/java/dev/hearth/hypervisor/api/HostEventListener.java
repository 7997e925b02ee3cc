package dev.hearth.hypervisor.api;

import dev.hearth.protocol.wire.AgentEvent;

/**
 * The message listener type of the resource adapter's inbound side: a message-driven bean
 * implementing it receives every event the host agents push.
 */
public interface HostEventListener {

    void onHostEvent(AgentEvent event);
}
