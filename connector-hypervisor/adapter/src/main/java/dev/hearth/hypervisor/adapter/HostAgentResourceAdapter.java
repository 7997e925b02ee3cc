package dev.hearth.hypervisor.adapter;

import dev.hearth.hypervisor.adapter.inbound.EventPollingWork;
import dev.hearth.hypervisor.adapter.inbound.HostEventActivationSpec;
import dev.hearth.hypervisor.adapter.settings.AgentSettings;
import dev.hearth.hypervisor.adapter.transport.AgentApiClient;
import dev.hearth.hypervisor.adapter.transport.AgentDirectory;
import dev.hearth.hypervisor.adapter.transport.AgentHttpChannel;
import dev.hearth.hypervisor.adapter.transport.PinnedCertificates;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The resource adapter's life cycle and its inbound side. Host agents are not transactional
 * resources, so the adapter declares no transaction support. Each activated message endpoint gets
 * one event-polling {@code Work} per host agent, scheduled on the container's work manager.
 */
@Connector(
        displayName = "Hearth host agent connector",
        description = "Connects Hearth to the host agents that run its instances.",
        vendorName = "Hearth",
        eisType = "Hearth host agent",
        version = "1.0",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class HostAgentResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(HostAgentResourceAdapter.class.getName());

    /** How long a poll's socket may wait beyond the agent's own wait before it counts as dead. */
    private static final long POLL_SLACK_MILLIS = 10_000;

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final Map<ActivationKey, List<EventPollingWork>> activations = new ConcurrentHashMap<>();
    private WorkManager workManager;
    private Jsonb jsonb;

    @Override
    public void start(BootstrapContext context) {
        workManager = context.getWorkManager();
        jsonb = JsonbBuilder.create();
        LOG.info("Hearth host agent connector started");
    }

    @Override
    public void stop() {
        activations.values().forEach(works -> works.forEach(EventPollingWork::release));
        activations.clear();
        workManager = null;
        LOG.info("Hearth host agent connector stopped");
    }

    /** Starts one polling work per host agent for the endpoint. */
    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        if (!(spec instanceof HostEventActivationSpec events)) {
            throw new NotSupportedException("unknown activation spec " + spec);
        }
        events.validate();
        AgentSettings settings = AgentSettings.resolve(new AgentSettings(
                events.getAgentUrl(),
                events.getAgents(),
                events.getSecret(),
                events.getSecretFile(),
                events.getCertificateFile()));
        String secret;
        try {
            secret = AgentDirectory.sharedSecret(settings.secret(), settings.secretFile());
        } catch (ResourceException e) {
            // Deployment goes on without events: the readiness check names what is missing.
            LOG.warning(() -> "no host events are delivered: " + e.getMessage());
            return;
        }
        List<EventPollingWork> works = new ArrayList<>();
        AgentDirectory directory = AgentDirectory.of(events.getHostId(), settings.agentUrl(), settings.agents());
        for (Map.Entry<String, URI> agent : directory.agents().entrySet()) {
            URI url = agent.getValue();
            Optional<PinnedCertificates.AgentTls> tls = AgentDirectory.tls(url, settings.certificateFile());
            EventPollingWork work = new EventPollingWork(
                    agent.getKey(),
                    () -> new AgentApiClient(
                            new AgentHttpChannel(
                                    url,
                                    tls,
                                    secret,
                                    CONNECT_TIMEOUT_MILLIS,
                                    Math.toIntExact(events.getPollWaitMillis() + POLL_SLACK_MILLIS)),
                            jsonb),
                    endpointFactory,
                    events.getPollWaitMillis(),
                    events.getRetryMillis());
            workManager.scheduleWork(work);
            works.add(work);
        }
        activations.put(new ActivationKey(endpointFactory, spec), works);
        LOG.info(() -> "delivering events of host agents " + directory.agents().keySet());
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        List<EventPollingWork> works = activations.remove(new ActivationKey(endpointFactory, spec));
        if (works != null) {
            works.forEach(EventPollingWork::release);
        }
    }

    /** Endpoint factory and spec compared by identity: the container hands the same objects back. */
    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {

        @Override
        public boolean equals(Object other) {
            return other instanceof ActivationKey key && key.factory == factory && key.spec == spec;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(factory) * 31 + System.identityHashCode(spec);
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    // A resource adapter bean must define equals and hashCode (JCA 1.7, 5.3.1); it has no identity state.
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
