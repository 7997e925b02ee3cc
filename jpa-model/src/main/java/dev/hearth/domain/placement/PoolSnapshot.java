package dev.hearth.domain.placement;

import java.util.List;

/** Every known host and instance at one moment; what placement decides over. */
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

    public boolean isHealthy(String hostId) {
        return hosts.stream().anyMatch(h -> h.hostId().equals(hostId) && h.healthy());
    }
}
