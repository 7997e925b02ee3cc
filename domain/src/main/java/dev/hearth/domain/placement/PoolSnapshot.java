package dev.hearth.domain.placement;

import java.util.List;
import java.util.Optional;

/** Every known host and instance at one moment; what placement, refill and eviction decide over. */
public record PoolSnapshot(List<HostSnapshot> hosts, List<InstanceSnapshot> instances) {

    public PoolSnapshot {
        hosts = List.copyOf(hosts);
        instances = List.copyOf(instances);
    }

    /** How many more instances {@code host} can hold. */
    public int freeSlots(HostSnapshot host) {
        long used = instances.stream()
                .filter(i -> i.hostId().equals(host.hostId()) && i.isAlive())
                .count();
        return Math.max(0, host.instanceCapacity() - (int) used);
    }

    public Optional<HostSnapshot> host(String hostId) {
        return hosts.stream().filter(h -> h.hostId().equals(hostId)).findFirst();
    }

    /** Whether the host is known, healthy and not draining. */
    public boolean isPlaceable(String hostId) {
        return host(hostId).map(HostSnapshot::placeable).orElse(false);
    }
}
