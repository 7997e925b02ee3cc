package dev.hearth.scheduler.infrastructure.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The members of Payara's Data Grid that run Hearth: each publishes its name under its grid
 * member's id in one map, and the live members are the names of the grid's current members. A
 * member the grid drops (it died, or it is cut off) leaves the set at once; its entry stays
 * behind, unread, until a member joins. Only this class touches Hazelcast, so that a server
 * without it never loads it.
 */
final class DataGridMembers {

    static final String NAMES = "hearth-member-names";

    private final HazelcastInstance hazelcast;

    private DataGridMembers(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** Publishes {@code self} in the grid bound at {@code jndiName}; empty when no grid runs there. */
    static Optional<DataGridMembers> join(String jndiName, String self) {
        Object bound;
        try {
            bound = new InitialContext().lookup(jndiName);
        } catch (NamingException noGrid) {
            return Optional.empty();
        }
        if (!(bound instanceof HazelcastInstance hazelcast)
                || !hazelcast.getLifecycleService().isRunning()) {
            return Optional.empty();
        }
        IMap<UUID, String> names = hazelcast.getMap(NAMES);
        Set<UUID> alive = ids(hazelcast);
        names.keySet().stream().filter(id -> !alive.contains(id)).forEach(names::delete);
        names.set(hazelcast.getCluster().getLocalMember().getUuid(), self);
        return Optional.of(new DataGridMembers(hazelcast));
    }

    Set<String> liveNames(String self) {
        IMap<UUID, String> names = hazelcast.getMap(NAMES);
        return live(names, ids(hazelcast), self);
    }

    /** The names that members still in the grid published, and {@code self}. */
    static Set<String> live(Map<UUID, String> published, Set<UUID> alive, String self) {
        return Stream.concat(
                        published.entrySet().stream()
                                .filter(e -> alive.contains(e.getKey()))
                                .map(Map.Entry::getValue),
                        Stream.of(self))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Set<UUID> ids(HazelcastInstance hazelcast) {
        return hazelcast.getCluster().getMembers().stream().map(Member::getUuid).collect(Collectors.toSet());
    }
}
