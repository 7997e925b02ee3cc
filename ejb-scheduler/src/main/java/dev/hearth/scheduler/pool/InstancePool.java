package dev.hearth.scheduler.pool;

import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.HostSnapshot;
import dev.hearth.domain.placement.InstanceLifecycle;
import dev.hearth.domain.placement.InstanceSnapshot;
import dev.hearth.domain.placement.Placement;
import dev.hearth.domain.placement.PlacementDecision;
import dev.hearth.domain.placement.PlacementRequest;
import dev.hearth.domain.placement.PoolSnapshot;
import dev.hearth.hypervisor.api.wire.InstanceView;
import dev.hearth.persistence.InstanceEntity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The scheduler's view of hosts and instances, held in memory because every invocation reads it.
 * Deciding and claiming happen under one write lock, so two invocations never get the same
 * instance. Who owns which instance is written through to the database (on boot, claim from the
 * warming pool and removal, never on the warm path) and read back when the server starts; busy and
 * idle times live in memory only.
 */
@Singleton
@Lock(LockType.WRITE)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class InstancePool {

    private final Map<String, HostSnapshot> hosts = new LinkedHashMap<>();
    private final Map<String, InstanceSnapshot> instances = new LinkedHashMap<>();

    @Inject
    InstanceRepository repository;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void recover() {
        Instant now = Instant.now();
        for (InstanceEntity row : repository.all()) {
            Optional<Runtime> runtime = Runtime.byId(row.runtime());
            if (runtime.isEmpty()) {
                continue;
            }
            InstanceLifecycle lifecycle = row.owner() == null
                    ? new InstanceLifecycle.Warming()
                    : new InstanceLifecycle.Assigned(row.owner(), now);
            instances.put(
                    row.instanceId(),
                    new InstanceSnapshot(row.instanceId(), row.hostId(), runtime.get(), row.codeSha256(), lifecycle));
        }
    }

    @Lock(LockType.READ)
    public PoolSnapshot snapshot() {
        return new PoolSnapshot(List.copyOf(hosts.values()), List.copyOf(instances.values()));
    }

    @Lock(LockType.READ)
    public boolean hasHealthyHost() {
        return hosts.values().stream().anyMatch(HostSnapshot::healthy);
    }

    /**
     * The host answered: it is healthy, with what it says of itself.
     *
     * @return whether the pool had never seen this host before
     */
    public boolean hostSeen(HostSnapshot host) {
        return hosts.put(host.hostId(), host.withHealthy(true)) == null;
    }

    /** The host could not be reached: place nothing on it until it answers again. */
    public void hostFailed(String hostId) {
        hosts.computeIfPresent(hostId, (id, host) -> host.withHealthy(false));
    }

    /** Decides where the request runs and reserves that instance or slot for it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Claim claim(PlacementRequest request, Instant now) {
        PlacementDecision decision = Placement.select(request, snapshot());
        if (decision instanceof PlacementDecision.Warm warm) {
            InstanceSnapshot instance = warm.instance();
            instances.put(
                    instance.instanceId(), instance.with(instance.lifecycle().begin(now)));
            return new Claim(decision, instance.instanceId());
        }
        if (decision instanceof PlacementDecision.WarmingPoolHit hit) {
            InstanceSnapshot instance = hit.instance();
            instances.put(
                    instance.instanceId(),
                    instance.with(instance.lifecycle().claim(request.owner(), now), request.codeSha256()));
            repository.assign(instance.instanceId(), request.owner(), request.codeSha256());
            return new Claim(decision, instance.instanceId());
        }
        if (decision instanceof PlacementDecision.Cold cold) {
            cold.evict().ifPresent(victim -> remove(victim.instanceId()));
            String placeholder = "booting-" + UUID.randomUUID();
            instances.put(
                    placeholder,
                    new InstanceSnapshot(
                            placeholder, cold.hostId(), request.runtime(), null, new InstanceLifecycle.Booting()));
            return new Claim(decision, placeholder);
        }
        return new Claim(decision, null);
    }

    /** The boot reserved by {@code placeholderId} produced {@code booted}, busy at once for the request. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public InstanceSnapshot booted(String placeholderId, InstanceView booted, PlacementRequest request, Instant now) {
        InstanceSnapshot placeholder = instances.remove(placeholderId);
        InstanceLifecycle lifecycle = placeholder == null
                ? new InstanceLifecycle.Busy(request.owner(), now)
                : placeholder.lifecycle().bootedFor(request.owner(), now);
        InstanceSnapshot instance = new InstanceSnapshot(
                booted.instanceId(), booted.hostId(), request.runtime(), request.codeSha256(), lifecycle);
        instances.put(instance.instanceId(), instance);
        repository.add(new InstanceEntity(
                instance.instanceId(),
                instance.hostId(),
                request.owner(),
                request.runtime().id(),
                request.codeSha256(),
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC)));
        return instance;
    }

    /** The boot reserved by {@code placeholderId} failed: free the slot. */
    public void bootFailed(String placeholderId) {
        instances.remove(placeholderId);
    }

    /** The invocation on the instance ended: it waits, warm, for its owner. */
    public void release(String instanceId, Instant now) {
        instances.computeIfPresent(
                instanceId,
                (id, instance) -> instance.lifecycle() instanceof InstanceLifecycle.Busy
                        ? instance.with(instance.lifecycle().finish(now))
                        : instance);
    }

    /** The instance is gone (destroyed, or its host lost it). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void forget(String instanceId) {
        remove(instanceId);
    }

    /**
     * Aligns the pool with what a host agent runs: instances the agent no longer has are
     * forgotten, unassigned ready ones it has are adopted into the warming pool.
     *
     * @return the ids of instances the agent runs for an owner the pool knows nothing of; they
     *     must be destroyed, since nobody knows which code they hold
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<String> reconcile(String hostId, List<InstanceView> agentInstances) {
        Map<String, InstanceView> running = agentInstances.stream()
                .filter(v -> "ready".equals(v.state()))
                .collect(Collectors.toMap(InstanceView::instanceId, v -> v, (a, b) -> a));
        Set<String> gone = instances.values().stream()
                .filter(i -> i.hostId().equals(hostId)
                        && !(i.lifecycle() instanceof InstanceLifecycle.Booting)
                        && !running.containsKey(i.instanceId()))
                .map(InstanceSnapshot::instanceId)
                .collect(Collectors.toSet());
        gone.forEach(this::remove);

        List<String> unknownOwned = new ArrayList<>();
        for (InstanceView view : running.values()) {
            if (instances.containsKey(view.instanceId())) {
                continue;
            }
            Optional<Runtime> runtime = Runtime.byId(view.runtime());
            if (view.owner() == null && runtime.isPresent()) {
                instances.put(
                        view.instanceId(),
                        new InstanceSnapshot(
                                view.instanceId(), hostId, runtime.get(), null, new InstanceLifecycle.Warming()));
                repository.add(new InstanceEntity(
                        view.instanceId(), hostId, null, view.runtime(), null, OffsetDateTime.now(ZoneOffset.UTC)));
            } else {
                unknownOwned.add(view.instanceId());
            }
        }
        return unknownOwned;
    }

    private void remove(String instanceId) {
        if (instances.remove(instanceId) != null) {
            repository.remove(instanceId);
        }
    }
}
