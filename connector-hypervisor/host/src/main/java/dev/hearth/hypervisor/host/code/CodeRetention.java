package dev.hearth.hypervisor.host.code;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which stored code packages go: those no instance holds that were last used longer than {@code
 * maxIdle} ago, then, while the store is still over {@code maxBytes}, those no instance holds,
 * least recently used first, except the ones used within {@code grace} (an upload is followed by
 * its invocation). A package that goes is sent again by Payara when an invocation needs it.
 */
public record CodeRetention(Duration maxIdle, long maxBytes, Duration grace) {

    /** An hour unused, 2 GiB in all, a minute's grace. */
    public static final CodeRetention DEFAULT = new CodeRetention(Duration.ofHours(1), 2L << 30, Duration.ofMinutes(1));

    /** One stored package: its SHA-256, its size on disk, when it was last stored or used, whether an instance holds it. */
    public record Stored(String sha256, long bytes, Instant lastUsed, boolean held) {}

    /** The packages to remove, of {@code stored}, at {@code now}. */
    public List<String> toRemove(List<Stored> stored, Instant now) {
        List<String> removed = new ArrayList<>();
        long total = 0;
        List<Stored> kept = new ArrayList<>();
        for (Stored p : stored) {
            if (!p.held() && p.lastUsed().plus(maxIdle).isBefore(now)) {
                removed.add(p.sha256());
            } else {
                kept.add(p);
                total += p.bytes();
            }
        }
        List<Stored> byAge = kept.stream()
                .filter(p -> !p.held() && p.lastUsed().plus(grace).isBefore(now))
                .sorted(Comparator.comparing(Stored::lastUsed))
                .toList();
        for (Stored p : byAge) {
            if (total <= maxBytes) {
                break;
            }
            removed.add(p.sha256());
            total -= p.bytes();
        }
        return removed;
    }
}
