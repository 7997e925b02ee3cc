package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;
import java.time.Instant;
import java.util.List;

/**
 * What admins see and steer of the fleet: warming pools per runtime, the scheduler's settings,
 * hosts and instances. Every method needs the {@code admin} role ({@link HearthException} {@code ACCESS_DENIED}).
 */
public interface PoolAdminService {

    /** Every runtime's warming pool: its target and what it holds now. */
    List<PoolView> pools(Caller caller);

    /**
     * Sets a runtime's warming-pool target; the pool is refilled (or shrunk) at once.
     *
     * @throws HearthException INVALID_SETTINGS: unknown runtime, or a negative number
     */
    PoolView setPool(Caller caller, String runtime, int warmingTarget, int maxPerHost);

    SchedulerSettings settings(Caller caller);

    SchedulerSettings changeSettings(Caller caller, SchedulerSettings settings);

    /** The configured hosts, as their agents answer now. */
    List<HostView> hosts(Caller caller);

    /**
     * Drains a host (no new work; its idle and warming-pool instances are destroyed) or takes it back.
     *
     * @throws HearthException HOST_NOT_FOUND: not a configured host
     */
    HostView drain(Caller caller, String hostId, boolean draining);

    List<InstanceSummary> instances(Caller caller);

    /**
     * Destroys an instance at once, whatever it is doing.
     *
     * @throws HearthException INSTANCE_NOT_FOUND: the pool does not know it
     */
    void destroyInstance(Caller caller, String instanceId);

    /** A runtime's warming pool: target, maximum per host, and its instances now. */
    record PoolView(String runtime, int warmingTarget, int maxPerHost, int warming, int booting) {}

    /** A configured host as placement sees it. */
    record HostView(
            String hostId,
            boolean healthy,
            boolean draining,
            int instanceCapacity,
            List<String> runtimes,
            List<String> isolations,
            int instances) {}

    /**
     * One instance: {@code isolation} is sandbox or vm; {@code state} is booting, warming (in the
     * warming pool), idle or busy; {@code owner} is null while nobody owns it; {@code function} is
     * the name of the function its containers were started for, null while it runs none (or the
     * function is gone); {@code upSince} is when it was booted (a boot under way: asked for).
     */
    record InstanceSummary(
            String instanceId,
            String hostId,
            String runtime,
            String isolation,
            String owner,
            String state,
            String function,
            Instant upSince) {}
}
