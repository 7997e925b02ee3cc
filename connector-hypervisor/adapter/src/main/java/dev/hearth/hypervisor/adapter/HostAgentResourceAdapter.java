package dev.hearth.hypervisor.adapter;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The resource adapter's life cycle. Host agents are not transactional resources, so the adapter
 * declares no transaction support; outbound connections need no adapter-wide state yet.
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

    private WorkManager workManager;

    @Override
    public void start(BootstrapContext context) {
        workManager = context.getWorkManager();
        LOG.info("Hearth host agent connector started");
    }

    @Override
    public void stop() {
        workManager = null;
        LOG.info("Hearth host agent connector stopped");
    }

    /** The container's work manager: the only way this adapter may run work on other threads. */
    public WorkManager workManager() {
        return workManager;
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws NotSupportedException {
        throw new NotSupportedException("host agent events are not delivered inbound yet");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        // no endpoints are ever activated
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
