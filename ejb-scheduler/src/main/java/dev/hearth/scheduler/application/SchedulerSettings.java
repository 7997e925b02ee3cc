package dev.hearth.scheduler.application;

import dev.hearth.domain.network.AddressRange;
import dev.hearth.domain.network.NetworkPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The scheduler's fleet-wide settings: how long an idle active instance is kept warm for its
 * owner, how many invocations of one function and of one user run at once, how long an
 * invocation waits for a free slot before it is refused (429), and the private networks (CIDR
 * ranges inside RFC 1918, CGNAT or ULA, as the admin wrote them) that functions' egress and log
 * endpoints may reach. Serializable: a change is sent to every member of a cluster.
 */
public record SchedulerSettings(
        Duration keepAlive,
        int maxConcurrentPerFunction,
        int maxConcurrentPerUser,
        Duration queueWait,
        List<String> allowedPrivateNetworks)
        implements Serializable {

    public static final int MAX_ALLOWED_PRIVATE_NETWORKS = 32;

    /** Keep-alive as long as a typical think time; limits as one 16-slot host holds; no private network. */
    public static final SchedulerSettings DEFAULT =
            new SchedulerSettings(Duration.ofMinutes(5), 16, 32, Duration.ofSeconds(2), List.of());

    public SchedulerSettings {
        allowedPrivateNetworks = allowedPrivateNetworks == null
                ? List.of()
                : allowedPrivateNetworks.stream().map(String::strip).toList();
        if (allowedPrivateNetworks.size() > MAX_ALLOWED_PRIVATE_NETWORKS) {
            throw new HearthException(
                    ProblemType.INVALID_SETTINGS,
                    "allowedPrivateNetworks may name at most " + MAX_ALLOWED_PRIVATE_NETWORKS + " networks");
        }
        try {
            NetworkPolicy.parseAllowedPrivateNetworks(allowedPrivateNetworks);
        } catch (IllegalArgumentException e) {
            throw new HearthException(ProblemType.INVALID_SETTINGS, e.getMessage());
        }
        if (keepAlive.isNegative() || queueWait.isNegative() || queueWait.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new HearthException(
                    ProblemType.INVALID_SETTINGS, "keep-alive must not be negative; the queue wait lies in 0..60 s");
        }
        if (maxConcurrentPerFunction < 1 || maxConcurrentPerUser < 1) {
            throw new HearthException(ProblemType.INVALID_SETTINGS, "concurrency limits must be at least 1");
        }
    }

    /** The allowed private networks as ranges. */
    public List<AddressRange> allowedPrivateNetworkRanges() {
        return NetworkPolicy.parseAllowedPrivateNetworks(allowedPrivateNetworks);
    }
}
