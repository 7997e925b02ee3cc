package dev.hearth.scheduler.application;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.HostSnapshot;
import dev.hearth.domain.placement.InstanceLifecycle;
import dev.hearth.domain.placement.InstanceSnapshot;
import dev.hearth.domain.placement.PoolSnapshot;
import dev.hearth.domain.placement.PoolTarget;
import dev.hearth.domain.placement.Refill;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.scheduler.pool.InstancePool;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the pool's snapshot for admins and applies their changes through the pool and its maintenance. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultPoolAdminService implements PoolAdminService {

    @Inject
    InstancePool pool;

    @Inject
    PoolMaintenance maintenance;

    @Inject
    SettingsRepository settingsRepository;

    @Inject
    ConcurrencyLimits limits;

    @Inject
    HypervisorGateway gateway;

    @Inject
    FunctionRepository functions;

    @Override
    public List<PoolView> pools(Caller caller) {
        requireAdmin(caller);
        PoolSnapshot snapshot = pool.snapshot();
        Map<Runtime, PoolTarget> targets = targets();
        return Arrays.stream(Runtime.values())
                .map(r -> view(snapshot, targets.getOrDefault(r, new PoolTarget(r, 0, 0))))
                .toList();
    }

    @Override
    public PoolView setPool(Caller caller, String runtime, int warmingTarget, int maxPerHost) {
        requireAdmin(caller);
        Runtime known = Runtime.byId(runtime)
                .orElseThrow(() -> new HearthException(ProblemType.INVALID_SETTINGS, "no runtime '" + runtime + "'"));
        if (warmingTarget < 0 || maxPerHost < 0) {
            throw new HearthException(
                    ProblemType.INVALID_SETTINGS, "warmingTarget and maxPerHost must not be negative");
        }
        PoolTarget target = new PoolTarget(known, warmingTarget, maxPerHost);
        settingsRepository.savePoolTarget(target);
        maintenance.refillSoon();
        return view(pool.snapshot(), target);
    }

    @Override
    public SchedulerSettings settings(Caller caller) {
        requireAdmin(caller);
        return settingsRepository.settings();
    }

    @Override
    public SchedulerSettings changeSettings(Caller caller, SchedulerSettings settings) {
        requireAdmin(caller);
        settingsRepository.saveSettings(settings);
        limits.applyOnEveryMember(settings);
        return settings;
    }

    @Override
    public List<HostView> hosts(Caller caller) {
        requireAdmin(caller);
        maintenance.checkHosts();
        PoolSnapshot snapshot = pool.snapshot();
        return gateway.hostIds().stream()
                .map(id -> snapshot.host(id)
                        .map(h -> view(snapshot, h))
                        .orElse(new HostView(id, false, false, 0, List.of(), List.of(), 0)))
                .toList();
    }

    @Override
    public HostView drain(Caller caller, String hostId, boolean draining) {
        requireAdmin(caller);
        if (!gateway.hostIds().contains(hostId)) {
            throw new HearthException(ProblemType.HOST_NOT_FOUND, "no host '" + hostId + "'");
        }
        pool.setDraining(hostId, draining);
        maintenance.refillSoon();
        PoolSnapshot snapshot = pool.snapshot();
        return snapshot.host(hostId)
                .map(h -> view(snapshot, h))
                .orElse(new HostView(hostId, false, draining, 0, List.of(), List.of(), 0));
    }

    @Override
    public List<InstanceSummary> instances(Caller caller) {
        requireAdmin(caller);
        Map<String, String> names = functions.all().stream()
                .filter(f -> f.functionId() != null)
                .collect(Collectors.toMap(FunctionEntity::functionId, FunctionEntity::name));
        Map<String, Instant> upSince = pool.upSince();
        return pool.snapshot().instances().stream()
                .map(i -> new InstanceSummary(
                        i.instanceId(),
                        i.hostId(),
                        i.runtime().id(),
                        i.isolation().id(),
                        i.owner().orElse(null),
                        state(i),
                        i.functionId() == null ? null : names.get(i.functionId()),
                        upSince.get(i.instanceId())))
                .toList();
    }

    @Override
    public void destroyInstance(Caller caller, String instanceId) {
        requireAdmin(caller);
        InstanceSnapshot instance = pool.snapshot().instances().stream()
                .filter(i -> i.instanceId().equals(instanceId) && !(i.lifecycle() instanceof InstanceLifecycle.Booting))
                .findFirst()
                .orElseThrow(
                        () -> new HearthException(ProblemType.INSTANCE_NOT_FOUND, "no instance '" + instanceId + "'"));
        pool.forget(instanceId);
        try {
            gateway.destroyInstance(instance.hostId(), instanceId);
        } catch (HostAgentFailure e) {
            throw new HearthException(
                    ProblemType.HOST_UNAVAILABLE,
                    "the pool let go of " + instanceId + ", but host " + instance.hostId()
                            + " could not destroy it now (its next check will): " + e.getMessage());
        }
        maintenance.refillSoon();
    }

    private Map<Runtime, PoolTarget> targets() {
        return settingsRepository.poolTargets().stream()
                .collect(Collectors.toMap(PoolTarget::runtime, Function.identity()));
    }

    private static PoolView view(PoolSnapshot snapshot, PoolTarget target) {
        List<InstanceSnapshot> members = snapshot.instances().stream()
                .filter(i -> i.isA(target.runtime(), Refill.POOLED) && i.isWarmingPool())
                .toList();
        int warming = (int) members.stream()
                .filter(i -> i.lifecycle() instanceof InstanceLifecycle.Warming)
                .count();
        return new PoolView(
                target.runtime().id(), target.warmingTarget(), target.maxPerHost(), warming, members.size() - warming);
    }

    private static HostView view(PoolSnapshot snapshot, HostSnapshot host) {
        return new HostView(
                host.hostId(),
                host.healthy(),
                host.draining(),
                host.instanceCapacity(),
                host.runtimes().stream().map(Runtime::id).sorted().toList(),
                host.isolations().stream().map(Isolation::id).sorted().toList(),
                (int) snapshot.instances().stream()
                        .filter(i -> i.hostId().equals(host.hostId()))
                        .count());
    }

    private static String state(InstanceSnapshot instance) {
        InstanceLifecycle lifecycle = instance.lifecycle();
        if (lifecycle instanceof InstanceLifecycle.Booting) {
            return "booting";
        }
        if (lifecycle instanceof InstanceLifecycle.Warming) {
            return "warming";
        }
        return lifecycle instanceof InstanceLifecycle.Busy ? "busy" : "idle";
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new HearthException(
                    ProblemType.ACCESS_DENIED, "role " + Role.ADMIN + " is needed to manage pools and hosts");
        }
    }
}
