package dev.hearth.scheduler.infrastructure.datagrid;

import dev.hearth.scheduler.application.ConcurrencyLimits;
import dev.hearth.scheduler.application.CredentialBindings;
import dev.hearth.scheduler.application.InMemoryConcurrencyLimits;
import dev.hearth.scheduler.application.InMemoryCredentialBindings;
import dev.hearth.scheduler.application.SchedulerMetrics;
import dev.hearth.scheduler.application.SettingsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Chooses, at first use, where the state several members share lives: in Payara's data grid when
 * it is enabled on this server, in this server's memory when it is not (the quick start, which
 * keeps the grid off: ADR 2).
 */
@ApplicationScoped
public class SharedStateProducer {

    @Inject
    PayaraDataGrid dataGrid;

    @Produces
    @ApplicationScoped
    CredentialBindings credentialBindings() {
        return dataGrid.member()
                .<CredentialBindings>map(DataGridCredentialBindings::new)
                .orElseGet(InMemoryCredentialBindings::new);
    }

    @Produces
    @ApplicationScoped
    ConcurrencyLimits concurrencyLimits(SettingsRepository settings, SchedulerMetrics metrics) {
        return dataGrid.member()
                .<ConcurrencyLimits>map(grid -> new DataGridConcurrencyLimits(grid, settings.settings(), metrics))
                .orElseGet(() -> new InMemoryConcurrencyLimits(settings.settings(), metrics));
    }

    void stopListening(@Disposes ConcurrencyLimits limits) {
        if (limits instanceof DataGridConcurrencyLimits onTheGrid) {
            onTheGrid.close();
        }
    }
}
