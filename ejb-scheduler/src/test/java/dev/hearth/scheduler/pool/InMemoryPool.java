package dev.hearth.scheduler.pool;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An {@link InstancePool} whose repositories are maps, for tests without a container. */
public final class InMemoryPool {

    private InMemoryPool() {}

    /** A new pool writing its instances through to {@code rows}, which a test may read. */
    public static InstancePool over(Map<String, InstanceRecord> rows) {
        InstancePool fresh = new InstancePool();
        fresh.repository = new InstanceRepository() {
            @Override
            public List<InstanceRecord> all() {
                return List.copyOf(rows.values());
            }

            @Override
            public List<InstanceRecord> onHost(String hostId) {
                return rows.values().stream()
                        .filter(r -> r.hostId().equals(hostId))
                        .toList();
            }

            @Override
            public void add(InstanceRecord instance) {
                rows.put(instance.instanceId(), instance);
            }

            @Override
            public void assign(String instanceId, String owner, String codeSha256) {
                rows.computeIfPresent(instanceId, (id, row) -> row.assignedTo(owner, codeSha256));
            }

            @Override
            public void remove(String instanceId) {
                rows.remove(instanceId);
            }
        };
        Set<String> draining = new HashSet<>();
        fresh.hostRepository = new HostRepository() {
            @Override
            public Set<String> drainingHostIds() {
                return Set.copyOf(draining);
            }

            @Override
            public void setDraining(String hostId, boolean drain) {
                if (drain) {
                    draining.add(hostId);
                } else {
                    draining.remove(hostId);
                }
            }
        };
        return fresh;
    }
}
