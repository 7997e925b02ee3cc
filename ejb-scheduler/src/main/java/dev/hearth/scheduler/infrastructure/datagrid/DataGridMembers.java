package dev.hearth.scheduler.infrastructure.datagrid;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The members of Payara's Data Grid that run Hearth: each publishes its name under its grid
 * member's id in one map, and the live members are the names of the grid's current members. A
 * member the grid drops (it died, or it is cut off) leaves the set at once; its entry stays
 * behind, unread, until a member joins.
 */
final class DataGridMembers {

    static final String NAMES = "hearth-member-names";

    private final HazelcastInstance hazelcast;

    private DataGridMembers(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** Publishes {@code self} as the name of this server's grid member. */
    static DataGridMembers join(HazelcastInstance hazelcast, String self) {
        IMap<UUID, String> names = hazelcast.getMap(NAMES);
        Set<UUID> alive = ids(hazelcast);
        names.keySet().stream().filter(id -> !alive.contains(id)).forEach(names::delete);
        names.set(hazelcast.getCluster().getLocalMember().getUuid(), self);
        return new DataGridMembers(hazelcast);
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
