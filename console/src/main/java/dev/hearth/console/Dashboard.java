package dev.hearth.console;

import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.FunctionView;
import dev.hearth.scheduler.application.OccupancyView;
import dev.hearth.scheduler.application.PoolAdminService.HostView;
import dev.hearth.scheduler.application.PoolAdminService.InstanceSummary;
import dev.hearth.scheduler.application.PoolAdminService.PoolView;
import dev.hearth.scheduler.application.TrafficView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the overview shows one user: the last hour's traffic of their functions (an admin's: all),
 * those functions with the latest activations, and for admins the instances over the hour, the
 * pools and hosts.
 */
record Dashboard(
        Viewer viewer,
        TrafficView traffic,
        Optional<OccupancyView> occupancy,
        List<FunctionRow> functions,
        List<PoolRow> pools,
        List<HostView> hosts) {

    /** A function and its newest activations, newest first. */
    record FunctionRow(FunctionView function, List<ActivationView> latest) {}

    /** A runtime's warming pool and how many of its instances users hold ({@code active}). */
    record PoolRow(String runtime, int warmingTarget, int maxPerHost, int warm, int booting, long active) {

        static List<PoolRow> of(List<PoolView> pools, List<InstanceSummary> instances) {
            return pools.stream()
                    .map(pool -> new PoolRow(
                            pool.runtime(),
                            pool.warmingTarget(),
                            pool.maxPerHost(),
                            pool.warming(),
                            pool.booting(),
                            instances.stream()
                                    .filter(instance -> instance.owner() != null
                                            && Objects.equals(instance.runtime(), pool.runtime()))
                                    .count()))
                    .toList();
        }
    }
}
