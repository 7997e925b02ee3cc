package dev.hearth.domain.placement;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The members of the control plane as one member sees them (ADR 26): its own name and the members
 * alive now, itself included. Every instance belongs to the member that booted it; a member
 * places on, reconciles and refills only its own, within its share of each host's capacity, and
 * destroys the instances of members that left.
 */
public record Membership(String self, Set<String> live) {

    public Membership {
        Objects.requireNonNull(self, "self");
        if (!live.contains(self)) {
            throw new IllegalArgumentException("the live members " + live + " must include " + self);
        }
        live = Set.copyOf(live);
    }

    /** A single server: no other member exists. */
    public static Membership alone(String self) {
        return new Membership(self, Set.of(self));
    }

    public boolean isAlone() {
        return live.size() == 1;
    }

    /**
     * Whether an instance held by {@code holder} is this member's to place on, reconcile and
     * refill. One that names no member (booted or recorded before instances had one, or by an
     * agent that keeps no label) is this member's only while it is alone: with several members
     * nobody can tell whose boot it is.
     */
    public boolean holds(Optional<String> holder) {
        return holder.map(self::equals).orElse(isAlone());
    }

    /** Whether {@code holder} names a member that is no longer alive (its instances are orphans). */
    public boolean departed(Optional<String> holder) {
        return holder.isPresent() && !live.contains(holder.get());
    }

    /**
     * This member's share of {@code total} things keyed by {@code key}: the slots of a host (keyed
     * by the host), the warming-pool target of a runtime (keyed by the runtime). The total is
     * divided among the live members, as OpenWhisk's sharding balancer divides an invoker's
     * memory; the remainder's extra ones go to members in an order turned by the key, so that
     * hosts smaller than the membership give their slots to different members. The shares of all
     * live members add up to {@code total}.
     */
    public int share(String key, int total) {
        List<String> ordered = live.stream().sorted().toList();
        int members = ordered.size();
        int rank = Math.floorMod(ordered.indexOf(self) - key.hashCode(), members);
        return total / members + (rank < total % members ? 1 : 0);
    }

    /**
     * This member's part of a warming pool: its share of the target, each member keeping at most
     * {@code maxPerHost} on a host (the host's capacity share bounds them together).
     */
    public PoolTarget shareOf(PoolTarget target) {
        return new PoolTarget(
                target.runtime(), share(target.runtime().id(), target.warmingTarget()), target.maxPerHost());
    }
}
