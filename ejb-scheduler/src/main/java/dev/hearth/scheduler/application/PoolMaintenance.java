package dev.hearth.scheduler.application;

import dev.hearth.domain.placement.AgentInstance;
import dev.hearth.domain.placement.Eviction;
import dev.hearth.domain.placement.InstanceSnapshot;
import dev.hearth.domain.placement.Membership;
import dev.hearth.domain.placement.PoolSnapshot;
import dev.hearth.domain.placement.PoolTarget;
import dev.hearth.domain.placement.Refill;
import dev.hearth.domain.placement.RefillPlan;
import dev.hearth.scheduler.pool.InstancePool;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this member's pool in shape: an interval timer of this member's own checks every host
 * against what its agent runs, reaps idle instances past keep-alive and refills this member's
 * share of the warming pools. Every member runs it for the instances it holds (ADR 26); the
 * instances of a member that left are destroyed by every survivor's host check. A claim from a
 * warming pool asks for a refill at once, off the invocation's thread. Decisions are the
 * domain's ({@link Refill}, {@link Eviction}, and {@link
 * dev.hearth.domain.placement.Reconciliation} through the pool); this bean applies them.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PoolMaintenance {

    static final String TIMER_NAME = "hearth-pool-maintenance";
    static final long INTERVAL_MILLIS = 2_000;

    private static final Logger LOG = Logger.getLogger(PoolMaintenance.class.getName());

    private final ReentrantLock hostCheck = new ReentrantLock();
    private final ReentrantLock refilling = new ReentrantLock();
    private final AtomicBoolean refillAgain = new AtomicBoolean();

    @Resource
    TimerService timers;

    @Inject
    InstancePool pool;

    @Inject
    HypervisorGateway gateway;

    @Inject
    SettingsRepository settings;

    @Inject
    ConcurrencyLimits limits;

    /**
     * Creates this member's timer at each start. It is not persistent: a persistent timer fires on
     * the one server that owns it, and each member must keep its own instances. The persistent
     * timer of an earlier release is cancelled.
     */
    @PostConstruct
    void scheduleMaintenance() {
        timers.getTimers().stream()
                .filter(t -> TIMER_NAME.equals(t.getInfo()) && t.isPersistent())
                .forEach(Timer::cancel);
        timers.createIntervalTimer(INTERVAL_MILLIS, INTERVAL_MILLIS, new TimerConfig(TIMER_NAME, false));
    }

    @Timeout
    void maintain(Timer timer) {
        try {
            checkHosts();
            SchedulerSettings current = settings.settings();
            limits.apply(current);
            reap(current);
            refill();
        } catch (RuntimeException e) {
            // A failed round must not stop the timer; the next one starts from what is true then.
            LOG.log(Level.WARNING, "pool maintenance failed: " + e, e);
        }
    }

    /** Refills the warming pools soon, on a container thread of its own. */
    @Asynchronous
    public void refillSoon() {
        refill();
    }

    /**
     * Asks every configured host agent what it is and what it runs: a host that answers joins
     * placement with its instances reconciled; one that does not is taken out and its instances
     * forgotten. Drains are read first: an admin may have drained a host through another member.
     */
    public void checkHosts() {
        hostCheck.lock();
        try {
            pool.refreshDraining();
            for (String hostId : gateway.hostIds()) {
                try {
                    check(hostId);
                } catch (HostAgentFailure stale) {
                    // A pooled socket the agent closed fails once; the adapter opens a new one.
                    retryCheck(hostId);
                }
            }
        } finally {
            hostCheck.unlock();
        }
    }

    private void check(String hostId) {
        long mark = pool.sequence();
        pool.hostSeen(gateway.host(hostId));
        List<AgentInstance> running = gateway.listInstances(hostId);
        pool.reconcile(hostId, running, mark).forEach(id -> destroyQuietly(hostId, id));
    }

    private void retryCheck(String hostId) {
        try {
            check(hostId);
        } catch (HostAgentFailure.Unreachable e) {
            LOG.warning(() -> "host " + hostId + " is down; its instances are forgotten: " + e.getMessage());
            pool.hostFailed(hostId);
        } catch (HostAgentFailure.Refused e) {
            LOG.warning(() -> "host " + hostId + " " + e.getMessage());
        }
    }

    /**
     * Boots and retires warming-pool instances until every pool meets its target. One refill runs
     * at a time; a request that comes while one runs makes it go round once more.
     */
    public void refill() {
        if (!refilling.tryLock()) {
            refillAgain.set(true);
            return;
        }
        try {
            do {
                refillAgain.set(false);
                Membership members = pool.membership();
                RefillPlan plan = Refill.plan(pool.snapshot(), ownTargets(members));
                plan.retire().forEach(this::retire);
                for (RefillPlan.Boot boot : plan.boots()) {
                    Optional<String> placeholder = pool.reservePoolBoot(boot.hostId(), boot.runtime());
                    if (placeholder.isEmpty()) {
                        continue;
                    }
                    try {
                        AgentInstance booted = gateway.createInstance(
                                boot.hostId(), members.self(), null, boot.runtime(), Refill.POOLED);
                        pool.poolBooted(placeholder.get(), booted, Instant.now());
                    } catch (RuntimeException e) {
                        pool.bootFailed(placeholder.get());
                        LOG.warning(() -> "warming-pool boot on " + boot.hostId() + " failed: " + e.getMessage());
                        break;
                    }
                }
            } while (refillAgain.get());
        } finally {
            refilling.unlock();
        }
    }

    /**
     * Destroys idle instances past keep-alive, and under memory pressure (the warming pools'
     * shortfall for want of free slots) more of them, least recently used first.
     */
    void reap(SchedulerSettings current) {
        PoolSnapshot snapshot = pool.snapshot();
        int pressure = Refill.plan(snapshot, ownTargets(pool.membership())).shortfall();
        Eviction.plan(snapshot, current.keepAlive(), Instant.now(), pressure).forEach(this::retire);
    }

    /** This member's share of each warming pool: the members' pools together meet the targets. */
    private List<PoolTarget> ownTargets(Membership members) {
        return settings.poolTargets().stream().map(members::shareOf).toList();
    }

    private void retire(InstanceSnapshot instance) {
        if (pool.retire(instance)) {
            destroyQuietly(instance.hostId(), instance.instanceId());
        }
    }

    private void destroyQuietly(String hostId, String instanceId) {
        try {
            gateway.destroyInstance(hostId, instanceId);
        } catch (HostAgentFailure e) {
            // The pool has let go of it already; the host's next reconciliation destroys it.
            LOG.log(
                    Level.WARNING,
                    "could not destroy instance " + instanceId + " on " + hostId + ": " + e.getMessage());
        }
    }
}
