package dev.hearth.scheduler.infrastructure.datagrid;

import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * This server's member of Payara's Domain Data Grid, if the grid is on: the one place that asks.
 *
 * <p>Payara's CDI extension offers its {@code HazelcastInstance} to every application: {@code
 * null} while the grid is disabled (Payara logs a warning then, once here), else its member,
 * started on the spot if the server has not started it yet. That is why this asks CDI and not
 * JNDI: Payara binds {@code payara/Hazelcast} only after every application has loaded, too late
 * for the pool's timer or a request that runs as the application starts, which would then take a
 * member of a cluster for a lone server.
 */
@ApplicationScoped
public class PayaraDataGrid {

    private static final Logger LOG = Logger.getLogger(PayaraDataGrid.class.getName());

    @Inject
    Instance<HazelcastInstance> payaraDataGrid;

    private Optional<HazelcastInstance> member;

    /** This server's grid member; empty when the grid is off. */
    public synchronized Optional<HazelcastInstance> member() {
        if (member == null) {
            member = payaraDataGrid.stream().filter(Objects::nonNull).findFirst();
            LOG.info(
                    member.isPresent()
                            ? "Payara's data grid is on: the pool's members, credential bindings and concurrency limits are shared in it"
                            : "Payara's data grid is off: this server is alone, its bindings and limits in its memory");
        }
        return member;
    }
}
