package dev.hearth.scheduler.infrastructure.cluster;

import dev.hearth.domain.placement.Membership;
import dev.hearth.scheduler.pool.ClusterMembership;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The membership of a single Payara server: this member is named as Payara names the server
 * instance it runs in ({@code com.sun.aas.instanceName}: {@code server} for a lone server, the
 * instance's name in a deployment group), and no other member is alive. A membership of the
 * Domain Data Grid takes its place when several members share the agents (ADR 26).
 */
@ApplicationScoped
public class PayaraClusterMembership implements ClusterMembership {

    private static final String INSTANCE_NAME = "com.sun.aas.instanceName";

    private final Membership alone = Membership.alone(System.getProperty(INSTANCE_NAME, "server"));

    @Override
    public Membership now() {
        return alone;
    }
}
