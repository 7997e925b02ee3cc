package dev.hearth.scheduler.infrastructure.hypervisor;

import dev.hearth.hypervisor.api.HostEventListener;
import dev.hearth.protocol.wire.AgentEvent;
import dev.hearth.scheduler.pool.InstancePool;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Receives what host agents push through the resource adapter's inbound side. An instance that
 * died is forgotten at once, so that placement stops offering it; the other events are logged. A
 * repeated event is harmless: forgetting an unknown instance does nothing.
 */
// No activation config: the adapter takes the agents' settings from MicroProfile Config, as the pool does.
@MessageDriven(messageListenerInterface = HostEventListener.class)
public class HostEventBean implements HostEventListener {

    private static final Logger LOG = Logger.getLogger(HostEventBean.class.getName());

    @Inject
    InstancePool pool;

    @Override
    public void onHostEvent(AgentEvent event) {
        LOG.info(() -> "host " + event.hostId() + ", instance " + event.instanceId() + ": " + event.type() + ": "
                + event.detail());
        if ("instance_died".equals(event.type())) {
            pool.forget(event.instanceId());
        }
    }
}
