package dev.hearth.scheduler.infrastructure.datagrid;

import dev.hearth.domain.placement.Membership;
import dev.hearth.scheduler.pool.ClusterMembership;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The members of the control plane as Payara knows them. This member is named as Payara names the
 * server instance it runs in ({@code com.sun.aas.instanceName}: {@code server} for a lone server,
 * the instance's name in a deployment group). With Payara's Domain Data Grid off (the default,
 * ADR 2) it is alone; with the grid on, the live members are the grid's members that run Hearth
 * ({@link DataGridMembers}), so a member the grid drops is gone for the pool at its next round
 * (ADR 26).
 */
@ApplicationScoped
public class PayaraClusterMembership implements ClusterMembership {

    private static final String INSTANCE_NAME = "com.sun.aas.instanceName";

    private static final Logger LOG = Logger.getLogger(PayaraClusterMembership.class.getName());

    private final String self = System.getProperty(INSTANCE_NAME, "server");
    private Optional<DataGridMembers> grid = Optional.empty();

    @Inject
    PayaraDataGrid dataGrid;

    @PostConstruct
    void join() {
        grid = dataGrid.member().map(member -> DataGridMembers.join(member, self));
        LOG.info(() -> "member " + self + (grid.isPresent() ? " of the Data Grid" : ", alone"));
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public Membership now() {
        return grid.map(members -> new Membership(self, members.liveNames(self)))
                .orElseGet(() -> Membership.alone(self));
    }
}
