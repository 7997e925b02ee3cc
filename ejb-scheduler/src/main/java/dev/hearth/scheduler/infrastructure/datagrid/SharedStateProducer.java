package dev.hearth.scheduler.infrastructure.datagrid;

import com.hazelcast.core.HazelcastInstance;
import dev.hearth.scheduler.application.ConcurrencyLimits;
import dev.hearth.scheduler.application.CredentialBindings;
import dev.hearth.scheduler.application.InMemoryConcurrencyLimits;
import dev.hearth.scheduler.application.InMemoryCredentialBindings;
import dev.hearth.scheduler.application.SchedulerMetrics;
import dev.hearth.scheduler.application.SettingsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Chooses, at first use, where the state several members share lives: in Payara's data grid when
 * it is enabled on this server, in this server's memory when it is not (the quick start, which
 * keeps the grid off: ADR 2).
 *
 * <p>Payara's CDI extension offers its {@code HazelcastInstance} to every application: {@code
 * null} while the grid is disabled (Payara logs a warning then, once here), else its member,
 * started on the spot if the server has not started it yet. That is why this asks CDI and not
 * JNDI: Payara binds {@code payara/Hazelcast} only after every application has loaded, too late
 * for a timer or request that runs as the application starts, which would then choose memory on a
 * member of a cluster.
 */
@ApplicationScoped
public class SharedStateProducer {

    private static final Logger LOG = Logger.getLogger(SharedStateProducer.class.getName());

    @Inject
    Instance<HazelcastInstance> payaraDataGrid;

    private Optional<HazelcastInstance> dataGrid;

    @Produces
    @ApplicationScoped
    CredentialBindings credentialBindings() {
        return dataGrid()
                .<CredentialBindings>map(DataGridCredentialBindings::new)
                .orElseGet(InMemoryCredentialBindings::new);
    }

    @Produces
    @ApplicationScoped
    ConcurrencyLimits concurrencyLimits(SettingsRepository settings, SchedulerMetrics metrics) {
        return dataGrid()
                .<ConcurrencyLimits>map(grid -> new DataGridConcurrencyLimits(grid, settings.settings(), metrics))
                .orElseGet(() -> new InMemoryConcurrencyLimits(settings.settings(), metrics));
    }

    void stopListening(@Disposes ConcurrencyLimits limits) {
        if (limits instanceof DataGridConcurrencyLimits onTheGrid) {
            onTheGrid.close();
        }
    }

    private synchronized Optional<HazelcastInstance> dataGrid() {
        if (dataGrid == null) {
            dataGrid = payaraDataGrid.stream().filter(Objects::nonNull).findFirst();
            LOG.info(
                    dataGrid.isPresent()
                            ? "credential bindings and concurrency limits in Payara's data grid, shared by its members"
                            : "credential bindings and concurrency limits in this server's memory: Payara's data grid is off");
        }
        return dataGrid;
    }
}
