package dev.hearth.scheduler.pool;

import dev.hearth.domain.placement.Membership;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An {@link InstancePool} whose repositories are maps, for tests without a container. */
public final class InMemoryPool {

    /** The member a lone server is, as Payara names it. */
    public static final String SERVER = "server";

    private InMemoryPool() {}

    /** A new pool of a lone server writing its instances through to {@code rows}, which a test may read. */
    public static InstancePool over(Map<String, InstanceRecord> rows) {
        return over(rows, () -> Membership.alone(SERVER));
    }

    /**
     * A pool of one member among others, sharing {@code rows} with their pools, as it starts:
     * recovered from the rows. {@code membership} answers with the live set the test sets.
     */
    public static InstancePool recovered(Map<String, InstanceRecord> rows, ClusterMembership membership) {
        return recovered(rows, new HashSet<>(), membership);
    }

    /** As {@link #recovered(Map, ClusterMembership)}, the drained hosts' ids kept in {@code draining}, shared too. */
    public static InstancePool recovered(
            Map<String, InstanceRecord> rows, Set<String> draining, ClusterMembership membership) {
        InstancePool started = over(rows, draining, membership);
        started.recover();
        return started;
    }

    private static InstancePool over(Map<String, InstanceRecord> rows, ClusterMembership membership) {
        return over(rows, new HashSet<>(), membership);
    }

    private static InstancePool over(
            Map<String, InstanceRecord> rows, Set<String> draining, ClusterMembership membership) {
        InstancePool fresh = new InstancePool();
        fresh.membership = membership;
        fresh.transactions = new PoolTransactions();
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
            public void assign(String instanceId, String owner, String functionId, String codeSha256) {
                rows.computeIfPresent(instanceId, (id, row) -> row.assignedTo(owner, functionId, codeSha256));
            }

            @Override
            public void remove(String instanceId) {
                rows.remove(instanceId);
            }
        };
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
