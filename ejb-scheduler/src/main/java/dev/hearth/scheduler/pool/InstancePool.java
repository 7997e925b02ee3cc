package dev.hearth.scheduler.pool;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.AgentInstance;
import dev.hearth.domain.placement.HostSnapshot;
import dev.hearth.domain.placement.InstanceLifecycle;
import dev.hearth.domain.placement.InstanceSnapshot;
import dev.hearth.domain.placement.Membership;
import dev.hearth.domain.placement.Placement;
import dev.hearth.domain.placement.PlacementDecision;
import dev.hearth.domain.placement.PlacementRequest;
import dev.hearth.domain.placement.PoolSnapshot;
import dev.hearth.domain.placement.Reconciliation;
import dev.hearth.domain.placement.ReconciliationPlan;
import dev.hearth.domain.placement.Refill;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The scheduler's view of hosts and instances, held in memory because every invocation reads it.
 * Deciding and claiming happen under one write lock, so two invocations never get the same
 * instance. Who owns which instance is written through to the database (on boot, claim from the
 * warming pool and removal, never on the warm path) before the instance serves anyone, and read
 * back when the pool is first used; busy and idle times live in memory only.
 *
 * <p>A CDI bean with a lock of its own rather than a singleton EJB (ADR 40): every warm invocation
 * claims and releases, and the EJB container's interceptors, lock and transaction checks cost far
 * more than the work. Every public method that reads the pool takes the read lock, every one that
 * changes it the write lock, for the whole method; none calls another public one, so no thread
 * takes the lock twice. A method that writes runs in its caller's transaction if it has one; a
 * single write otherwise commits in the repository's own short transaction, still under the lock.
 * {@link #setDraining}, {@link #refreshDraining} and {@link #reconcile} run in a transaction of
 * their own when the caller has none, begun and committed under the write lock; recovery runs in
 * a new one.
 *
 * <p>With several members of the control plane (ADR 26) each member's pool holds only the
 * instances it booted, records them as its own, and places on each host within its share of the
 * host's capacity; the warm path stays in its memory.
 */
@ApplicationScoped
public class InstancePool {

    /**
     * Guards every field below. Fair, as the EJB container's lock was: a claim waiting for the
     * write lock is not overtaken by readers that came after it.
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    private final Map<String, HostSnapshot> hosts = new LinkedHashMap<>();
    private final Map<String, InstanceSnapshot> instances = new LinkedHashMap<>();
    /** When each instance became known, as a {@link #sequence()} value. */
    private final Map<String, Long> knownSince = new HashMap<>();
    /** When each instance was booted (a recovered one: as its record says), for admins to see its age. */
    private final Map<String, Instant> upSince = new HashMap<>();

    private final Set<String> draining = new HashSet<>();
    private long sequence;

    @Inject
    InstanceRepository repository;

    @Inject
    HostRepository hostRepository;

    @Inject
    ClusterMembership membership;

    @Inject
    PoolTransactions transactions;

    /**
     * Rebuilds the pool from the database after a (re)start. The instances' hosts are unknown
     * until they answer, so nothing is placed on them before {@link #reconcile} has checked them
     * against what their agents run. Only this member's rows are its own. Runs when the pool is
     * first used, before that use, in a transaction of its own.
     */
    @PostConstruct
    void recover() {
        write(() -> transactions.requiresNew(() -> {
            Instant now = Instant.now();
            Membership members = membership.now();
            for (InstanceRecord row : repository.all()) {
                if (members.holds(Optional.ofNullable(row.member()))) {
                    restore(row, now).ifPresent(instance -> {
                        upSince.put(instance.instanceId(), row.createdAt());
                        put(instance);
                    });
                }
            }
            draining.addAll(hostRepository.drainingHostIds());
        }));
    }

    public PoolSnapshot snapshot() {
        return read(this::view);
    }

    /** When each instance this pool holds was booted (a placeholder of a boot under way: asked for), by id. */
    public Map<String, Instant> upSince() {
        return read(() -> Map.copyOf(upSince));
    }

    public boolean hasHealthyHost() {
        return read(() -> hosts.values().stream().anyMatch(HostSnapshot::healthy));
    }

    /** This member's name, which its boots carry and its records hold. Reads nothing of the pool: no lock. */
    public String member() {
        return membership.self();
    }

    /**
     * This member and the members alive now: whose instances this pool holds. Reads nothing of the
     * pool: no lock, so that asking the Data Grid holds up no claim.
     */
    public Membership membership() {
        return membership.now();
    }

    /** A mark to pass to {@link #reconcile}: taken before asking an agent for its instances. */
    public long sequence() {
        return read(() -> sequence);
    }

    /**
     * The host answered: it is healthy, with what it says of itself, and this member may fill its
     * {@linkplain Membership#share share} of the host's capacity among the members alive now.
     *
     * @return whether it joins placement now (it was unknown or had failed): then its instances
     *     must be {@linkplain #reconcile reconciled} before anything else
     */
    public boolean hostSeen(HostSnapshot described) {
        return write(() -> {
            HostSnapshot known = hosts.get(described.hostId());
            int share = membership.now().share(described.hostId(), described.instanceCapacity());
            hosts.put(
                    described.hostId(),
                    described
                            .withHealthy(true)
                            .withDraining(draining.contains(described.hostId()))
                            .withInstanceCapacity(share));
            return known == null || !known.healthy();
        });
    }

    /**
     * The host could not be reached: place nothing on it and forget its instances until it
     * answers again. Their rows stay, so that {@link #reconcile} can take back those its agent
     * still runs.
     */
    public void hostFailed(String hostId) {
        write(() -> {
            hosts.computeIfPresent(hostId, (id, host) -> host.withHealthy(false));
            List.copyOf(instances.values()).stream()
                    .filter(i -> i.hostId().equals(hostId))
                    .forEach(i -> drop(i.instanceId()));
        });
    }

    /** An admin drains the host (no new work; its idle instances go) or takes it back. */
    public void setDraining(String hostId, boolean drain) {
        write(() -> transactions.required(() -> {
            hostRepository.setDraining(hostId, drain);
            if (drain) {
                draining.add(hostId);
            } else {
                draining.remove(hostId);
            }
            hosts.computeIfPresent(hostId, (id, host) -> host.withDraining(drain));
        }));
    }

    /**
     * Takes the hosts drained as the database records them: a drain an admin made through another
     * member holds on this one from its next host check.
     */
    public void refreshDraining() {
        write(() -> transactions.required(() -> {
            Set<String> recorded = hostRepository.drainingHostIds();
            draining.clear();
            draining.addAll(recorded);
            hosts.replaceAll((id, host) -> host.withDraining(recorded.contains(id)));
        }));
    }

    /** Decides where the request runs and reserves that instance or slot for it. */
    public Claim claim(PlacementRequest request, Instant now) {
        return write(() -> {
            PlacementDecision decision = Placement.select(request, view());
            if (decision instanceof PlacementDecision.Warm warm) {
                InstanceSnapshot instance = warm.instance();
                instances.put(
                        instance.instanceId(),
                        instance.with(instance.lifecycle().begin(now)));
                return new Claim(decision, instance.instanceId());
            }
            if (decision instanceof PlacementDecision.WarmingPoolHit hit) {
                InstanceSnapshot instance = hit.instance();
                repository.assign(instance.instanceId(), request.owner(), request.functionId(), request.codeSha256());
                instances.put(
                        instance.instanceId(),
                        instance.with(instance.lifecycle().claim(request.owner(), now), request));
                return new Claim(decision, instance.instanceId());
            }
            if (decision instanceof PlacementDecision.Cold cold) {
                cold.evict().ifPresent(victim -> remove(victim.instanceId()));
                return new Claim(
                        decision,
                        placeholder(
                                cold.hostId(),
                                request.runtime(),
                                request.isolation(),
                                InstanceLifecycle.Booting.forOwner(request.owner())));
            }
            return new Claim(decision, null);
        });
    }

    /** The boot reserved by {@code placeholderId} produced {@code booted}, busy at once for the request. */
    public InstanceSnapshot booted(String placeholderId, AgentInstance booted, PlacementRequest request, Instant now) {
        return write(() -> {
            InstanceSnapshot placeholder = instances.remove(placeholderId);
            knownSince.remove(placeholderId);
            upSince.remove(placeholderId);
            InstanceLifecycle lifecycle = placeholder == null
                    ? new InstanceLifecycle.Busy(request.owner(), now)
                    : placeholder.lifecycle().bootedFor(request.owner(), now);
            String hostId = placeholder == null ? booted.hostId() : placeholder.hostId();
            InstanceSnapshot instance = new InstanceSnapshot(
                    booted.instanceId(),
                    hostId,
                    request.runtime(),
                    request.isolation(),
                    request.functionId(),
                    request.codeSha256(),
                    lifecycle);
            repository.add(new InstanceRecord(
                    instance.instanceId(),
                    hostId,
                    membership.self(),
                    request.owner(),
                    request.runtime().id(),
                    request.isolation().id(),
                    request.functionId(),
                    request.codeSha256(),
                    now));
            put(instance);
            return instance;
        });
    }

    /**
     * Reserves a slot on {@code hostId} for a warming-pool instance of {@code runtime}, if the host
     * still takes work and has room.
     *
     * @return the placeholder's id, to pass to {@link #poolBooted} or {@link #bootFailed}
     */
    public Optional<String> reservePoolBoot(String hostId, Runtime runtime) {
        return write(() -> {
            PoolSnapshot now = view();
            Optional<HostSnapshot> host = now.host(hostId).filter(HostSnapshot::placeable);
            if (host.isEmpty() || now.freeSlots(host.get()) == 0) {
                return Optional.empty();
            }
            return Optional.of(placeholder(hostId, runtime, Refill.POOLED, InstanceLifecycle.Booting.forPool()));
        });
    }

    /** The warming-pool boot reserved by {@code placeholderId} produced {@code booted}: it waits, unassigned. */
    public void poolBooted(String placeholderId, AgentInstance booted, Instant now) {
        write(() -> {
            InstanceSnapshot placeholder = instances.remove(placeholderId);
            knownSince.remove(placeholderId);
            upSince.remove(placeholderId);
            if (placeholder == null) {
                // Its host failed meanwhile: the instance is unknown to the database, so the host's
                // next reconciliation destroys it.
                return;
            }
            repository.add(new InstanceRecord(
                    booted.instanceId(),
                    placeholder.hostId(),
                    membership.self(),
                    null,
                    placeholder.runtime().id(),
                    placeholder.isolation().id(),
                    null,
                    null,
                    now));
            put(new InstanceSnapshot(
                    booted.instanceId(),
                    placeholder.hostId(),
                    placeholder.runtime(),
                    placeholder.isolation(),
                    null,
                    null,
                    placeholder.lifecycle().joinPool()));
        });
    }

    /** The boot reserved by {@code placeholderId} failed: free the slot. */
    public void bootFailed(String placeholderId) {
        write(() -> drop(placeholderId));
    }

    /** The invocation on the instance ended: it waits, warm, for its owner. */
    public void release(String instanceId, Instant now) {
        write(() -> {
            instances.computeIfPresent(
                    instanceId,
                    (id, instance) -> instance.lifecycle() instanceof InstanceLifecycle.Busy
                            ? instance.with(instance.lifecycle().finish(now))
                            : instance);
        });
    }

    /** The instance is gone (destroyed, or its host lost it). */
    public void forget(String instanceId) {
        write(() -> remove(instanceId));
    }

    /**
     * Takes {@code expected} out of the pool to destroy it, unless it changed since the snapshot
     * it was chosen from (an idle instance that began an invocation, a claimed pool instance).
     *
     * @return whether it was taken out; only then may the caller destroy it
     */
    public boolean retire(InstanceSnapshot expected) {
        return write(() -> {
            if (!expected.equals(instances.get(expected.instanceId()))) {
                return false;
            }
            remove(expected.instanceId());
            return true;
        });
    }

    /**
     * Aligns the pool with what a host agent runs, as {@link Reconciliation#plan} decides for the
     * members alive now: gathers the host's known instances, those that became known after the
     * listing and the database's records (every member's), then forgets, takes back and deletes
     * records as planned. Another member's instances are left alone; a departed member's are
     * among those to destroy.
     *
     * @param listedAt {@link #sequence()} taken before {@code agentInstances} was listed
     * @return the ids of instances to destroy on the host
     */
    public List<String> reconcile(String hostId, List<AgentInstance> agentInstances, long listedAt) {
        return write(() -> transactions.required(() -> {
            List<InstanceSnapshot> known = instances.values().stream()
                    .filter(i -> i.hostId().equals(hostId))
                    .toList();
            Set<String> knownSinceListing = known.stream()
                    .map(InstanceSnapshot::instanceId)
                    .filter(id -> knownSince.getOrDefault(id, 0L) > listedAt)
                    .collect(Collectors.toSet());
            Instant now = Instant.now();
            List<Reconciliation.Recorded> recorded = repository.onHost(hostId).stream()
                    .map(row -> new Reconciliation.Recorded(
                            row.instanceId(), Optional.ofNullable(row.member()), restore(row, now)))
                    .toList();

            ReconciliationPlan plan =
                    Reconciliation.plan(membership.now(), known, knownSinceListing, agentInstances, recorded);
            plan.forget().forEach(this::drop);
            plan.deleteRecords().forEach(repository::remove);
            plan.takeBack().forEach(this::put);
            return plan.destroy();
        }));
    }

    private <T> T read(Supplier<T> reading) {
        return holding(lock.readLock(), reading);
    }

    private <T> T write(Supplier<T> writing) {
        return holding(lock.writeLock(), writing);
    }

    private void write(Runnable writing) {
        write(() -> {
            writing.run();
            return null;
        });
    }

    private static <T> T holding(Lock held, Supplier<T> work) {
        held.lock();
        try {
            return work.get();
        } finally {
            held.unlock();
        }
    }

    /** The pool as it is; the caller holds the lock. */
    private PoolSnapshot view() {
        return new PoolSnapshot(List.copyOf(hosts.values()), List.copyOf(instances.values()));
    }

    private String placeholder(String hostId, Runtime runtime, Isolation isolation, InstanceLifecycle.Booting booting) {
        String id = "booting-" + UUID.randomUUID();
        put(new InstanceSnapshot(id, hostId, runtime, isolation, null, null, booting));
        return id;
    }

    private void put(InstanceSnapshot instance) {
        instances.put(instance.instanceId(), instance);
        knownSince.putIfAbsent(instance.instanceId(), ++sequence);
        upSince.putIfAbsent(instance.instanceId(), Instant.now());
    }

    /** Forgets the instance in memory only. */
    private void drop(String instanceId) {
        instances.remove(instanceId);
        knownSince.remove(instanceId);
        upSince.remove(instanceId);
    }

    /** Forgets the instance in memory and in the database. */
    private void remove(String instanceId) {
        if (instances.containsKey(instanceId)) {
            repository.remove(instanceId);
        }
        drop(instanceId);
    }

    /** An instance as its row records it: unassigned in the warming pool, or idle for its owner. */
    private static Optional<InstanceSnapshot> restore(InstanceRecord row, Instant now) {
        return Runtime.byId(row.runtime())
                .map(runtime -> new InstanceSnapshot(
                        row.instanceId(),
                        row.hostId(),
                        runtime,
                        Isolation.byId(row.isolation()).orElseThrow(),
                        row.functionId(),
                        row.codeSha256(),
                        row.owner() == null
                                ? new InstanceLifecycle.Warming()
                                : new InstanceLifecycle.Assigned(row.owner(), now)));
    }
}
